import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { config } from "@/lib/env";

// Django's BCryptSHA256PasswordHasher format, "bcrypt_sha256$$2b$12$…", so stored hashes
// move between Django and this app in both directions. The hashing itself is in
// password-worker.mjs, on a thread pool: bcrypt at cost 12 is a quarter of a second of pure CPU.

const PREFIX = "bcrypt_sha256$";

// `next dev` re-evaluates this module on every reload; the pool must survive that, or each
// reload would leave another set of idle threads behind.
const POOL_KEY = Symbol.for("vestibule.passwordPool");
const globalPool = globalThis as typeof globalThis & { [POOL_KEY]?: Piscina<unknown, unknown> };

// A hash that cannot start within about this long is refused at once (a 503 with Retry-After)
// rather than queued: a flood of logins must not turn into 30-second waits for everyone.
export const HASH_QUEUE_SECONDS = 3;
// bcrypt at cost 12 takes about this long on one core of the machines this was measured on;
// each step of the cost doubles it.
const COST_12_MS = 250;

/** Thrown when the hashing pool's queue is full: the edge answers 503 with Retry-After. */
export class PasswordHashingBusy extends Error {
  readonly retryAfter = HASH_QUEUE_SECONDS;
  constructor() {
    super("password hashing queue is full");
    this.name = "PasswordHashingBusy";
  }
}

/**
 * How many hashes may wait for a thread: PASSWORD_HASH_QUEUE, else about HASH_QUEUE_SECONDS of work
 * for this machine's threads at the configured cost.
 */
function queueLimit(threads: number): number {
  if (config.PASSWORD_HASH_QUEUE) return config.PASSWORD_HASH_QUEUE;
  const hashMs = COST_12_MS * 2 ** (config.BCRYPT_ROUNDS - 12);
  return Math.max(threads, Math.round((threads * HASH_QUEUE_SECONDS * 1000) / hashMs));
}

function createPool(): Piscina<unknown, unknown> {
  const threads = config.HASH_THREADS ?? os.availableParallelism();
  return new Piscina<unknown, unknown>({
    maxQueue: queueLimit(threads),
    // Not import.meta.url: the Next.js bundler rewrites it. The server and the tests both run
    // from the project root.
    filename: path.join(process.cwd(), "lib", "password-worker.mjs"),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
    // A task the pool could not hand to a busy thread goes back to the head of the queue, not its
    // tail. Without it, a login could wait behind every later one for as long as others kept
    // coming (seen: 10 s, then the client's timeout, in a run of 8 connections on one thread;
    // piscina's issue #1031).
    stricterFIFO: true,
  });
}

function pool(): Piscina<unknown, unknown> {
  globalPool[POOL_KEY] ??= createPool();
  return globalPool[POOL_KEY];
}

/** False when a new hash would be refused: callers check before they spend anything on an attempt. */
export function hashingAvailable(): boolean {
  const current = pool();
  return current.queueSize < current.options.maxQueue;
}

async function runTask(task: object, name: "hash" | "compare"): Promise<unknown> {
  if (!hashingAvailable()) throw new PasswordHashingBusy();
  try {
    return await pool().run(task, { name });
  } catch (error) {
    // piscina's own refusal when the queue filled up in the meantime.
    if (error instanceof Error && /^(Task queue is at limit|No task queue available)$/.test(error.message))
      throw new PasswordHashingBusy();
    throw error;
  }
}

async function bcryptHash(password: string, rounds: number): Promise<string> {
  const hash: unknown = await runTask({ password, rounds }, "hash");
  if (typeof hash !== "string") throw new TypeError("The password worker returned no hash.");
  return hash;
}

async function bcryptCompare(password: string, hash: string): Promise<boolean> {
  const matches: unknown = await runTask({ password, hash }, "compare");
  if (typeof matches !== "boolean") throw new TypeError("The password worker returned no answer.");
  return matches;
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password at the configured cost, made once, to check unknown users against. */
function dummy(): Promise<string> {
  dummyHash ??= bcryptHash(randomBytes(32).toString("hex"), config.BCRYPT_ROUNDS).catch((error: unknown) => {
    // A failed attempt (say, a pool destroyed mid-way) must not be cached forever.
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}

/** `rounds`: BCRYPT_ROUNDS unless a caller (a test) asks for another cost. */
export async function hashPassword(password: string, rounds = config.BCRYPT_ROUNDS): Promise<string> {
  return PREFIX + (await bcryptHash(password, rounds));
}

// Django's UNUSABLE_PASSWORD_PREFIX: what make_password(None) stores for a user with no password.
const UNUSABLE_PREFIX = "!";

/**
 * A password no one can log in with, for a user who signed up through a provider: random, so the
 * reset link (which signs the stored hash) still changes once a password is set.
 */
export function unusablePassword(): string {
  return UNUSABLE_PREFIX + randomBytes(30).toString("base64url");
}

/** False for the unusable password of a provider-only user (and anything else that is not a hash of ours). */
export function isUsablePassword(stored: string): boolean {
  return stored.startsWith(PREFIX);
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
