import "server-only";

// Locks the database counters have already reported, remembered per process, so a flood of
// attempts against a locked username or from a locked address is refused from memory: no
// database write, no read, no audit row per refusal. Memory only repeats an answer the database
// gave (with the time it gave), so instances sharing the database still hold one lock together;
// an instance that has not seen the lock yet asks the database, as before.

// An attacker who rotates usernames or addresses fills this map; past the bound the entries that
// expire soonest go first (they are the least useful), and a lost entry only costs a database read.
const MAX_ENTRIES = 10_000;

const holder = globalThis as typeof globalThis & { vestibuleKnownLocks?: Map<string, number> };
const locks = (holder.vestibuleKnownLocks ??= new Map<string, number>());

/** Milliseconds until the lock on `key` ends, or 0 when none is known. */
export function knownLockMs(key: string, now = Date.now()): number {
  const until = locks.get(key);
  if (until === undefined) return 0;
  if (until > now) return until - now;
  locks.delete(key);
  return 0;
}

export function rememberLock(key: string, ms: number, now = Date.now()): void {
  if (ms <= 0) return;
  if (locks.size >= MAX_ENTRIES && !locks.has(key)) evict(now);
  locks.set(key, now + ms);
}

export function forgetLock(key: string): void {
  locks.delete(key);
}

function evict(now: number): void {
  for (const [key, until] of locks) if (until <= now) locks.delete(key);
  if (locks.size < MAX_ENTRIES) return;
  const soonest = [...locks].sort((a, b) => a[1] - b[1]).slice(0, Math.ceil(MAX_ENTRIES / 10));
  for (const [key] of soonest) locks.delete(key);
}
