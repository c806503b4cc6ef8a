import os from "node:os";

/**
 * Threads of this process's hashing pool. `npm start` runs one worker process per core and sets
 * HASH_THREADS so that all of them together have about one thread per core (scripts/cluster.mjs);
 * a process started otherwise (tests, scripts) uses every core.
 */
export function hashThreadCount(env: Record<string, string | undefined> = process.env): number {
  const raw = env.HASH_THREADS?.trim();
  if (!raw) return os.availableParallelism();
  const threads = Number(raw);
  if (!/^\d+$/.test(raw) || threads < 1 || threads > 256) {
    throw new Error(`Invalid configuration: HASH_THREADS must be a whole number from 1 to 256, got "${raw}".`);
  }
  return threads;
}
