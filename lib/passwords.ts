import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Piscina } from "piscina";
import { hashThreadCount } from "@/lib/hash-threads";

// Django's BCryptSHA256PasswordHasher format, "bcrypt_sha256$$2b$12$…", so stored hashes
// move between Django and this app in both directions. The hashing itself is in
// password-worker.mjs, on a thread pool: bcrypt at cost 12 takes ~250 ms of pure CPU.

const PREFIX = "bcrypt_sha256$";
const DEFAULT_ROUNDS = 12;
// bcrypt's own limits on the cost factor.
const MIN_ROUNDS = 4;
const MAX_ROUNDS = 31;

// `next dev` re-evaluates this module on every reload; the pool must survive that, or each
// reload would leave another set of idle threads behind.
const POOL_KEY = Symbol.for("vestibule.passwordPool");
const globalPool = globalThis as typeof globalThis & { [POOL_KEY]?: Piscina<unknown, unknown> };

/** The bcrypt cost from BCRYPT_ROUNDS, read at each call so a script can change it. */
function configuredRounds(): number {
  const raw = process.env.BCRYPT_ROUNDS?.trim();
  if (!raw) return DEFAULT_ROUNDS;
  const rounds = Number(raw);
  if (!/^\d+$/.test(raw) || rounds < MIN_ROUNDS || rounds > MAX_ROUNDS) {
    throw new Error(`Invalid configuration: BCRYPT_ROUNDS must be a whole number from ${MIN_ROUNDS} to ${MAX_ROUNDS}, got "${raw}".`);
  }
  return rounds;
}

function createPool(): Piscina<unknown, unknown> {
  const threads = hashThreadCount();
  return new Piscina<unknown, unknown>({
    // Not import.meta.url: the Next.js bundler rewrites it. The server and the tests both run
    // from the project root.
    filename: path.join(process.cwd(), "lib", "password-worker.mjs"),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
  });
}

function pool(): Piscina<unknown, unknown> {
  globalPool[POOL_KEY] ??= createPool();
  return globalPool[POOL_KEY];
}

async function bcryptHash(password: string, rounds: number): Promise<string> {
  const hash: unknown = await pool().run({ password, rounds }, { name: "hash" });
  if (typeof hash !== "string") throw new TypeError("The password worker returned no hash.");
  return hash;
}

async function bcryptCompare(password: string, hash: string): Promise<boolean> {
  const matches: unknown = await pool().run({ password, hash }, { name: "compare" });
  if (typeof matches !== "boolean") throw new TypeError("The password worker returned no answer.");
  return matches;
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password at the configured cost, made once, to check unknown users against. */
function dummy(): Promise<string> {
  dummyHash ??= bcryptHash(randomBytes(32).toString("hex"), configuredRounds()).catch((error: unknown) => {
    // A failed attempt (say, a pool destroyed mid-way) must not be cached forever.
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}

export async function hashPassword(password: string): Promise<string> {
  return PREFIX + (await bcryptHash(password, configuredRounds()));
}

/**
 * `stored` is null for an unknown user. That case, and a hash of an unknown kind, still cost
 * one bcrypt comparison, so the response time does not tell which usernames exist.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (stored === null || !stored.startsWith(PREFIX)) {
    await bcryptCompare(password, await dummy());
    return false;
  }
  return bcryptCompare(password, stored.slice(PREFIX.length));
}

/** Stops the worker threads; for tests and scripts that need the process to exit. */
export async function closePasswordPool(): Promise<void> {
  const current = globalPool[POOL_KEY];
  delete globalPool[POOL_KEY];
  await current?.destroy();
}
