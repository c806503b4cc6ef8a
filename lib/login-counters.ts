import "server-only";
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import { PasswordHashingBusy } from "@/lib/passwords";

// The login throttle's counters, in the database so that every instance sharing it agrees (the
// LoginCounter model says what each column means). Each step is one conditional statement, so
// two instances can never both take the last free place:
//
// - enter: a check (a password, a code, a passkey) may start only while the failures that
//   happened plus the checks still in flight are under the limit. Past it, a counter whose
//   failures alone reach the limit is locked (429); one that is only full of checks in flight
//   makes the attempt wait for their outcome, at most the hashing queue's wait (then 503). A
//   right password therefore never meets a 429 because other right passwords were being checked
//   at the same moment, and parallel wrong guesses still cannot pass the limit together.
// - fail: the check failed; it becomes a failure of the window (started by the window's first).
// - release: the check ended without a failure (a right password, or one whose second step is
//   still to come); with `forgive`, the failures so far are forgiven as well.

export type Counter = { key: string; limit: number; windowMs: number };
export type Entry = { entered: true } | { entered: false; lockedMs: number };

// A check in flight counts for at most this long after the last one entered: a process that died
// mid-check cannot keep points for ever. Far longer than any check (the hashing queue refuses a
// hash that cannot start within 3 s).
const LEASE_MS = 30_000;
// How long an attempt waits for checks in flight before it is told to come back (503).
const WAIT_MS = 3_000;
const POLL_MS = 100;

const big = (value: number) => BigInt(Math.round(value));

/** Checks in flight in this process that ended: the attempts waiting on that counter look again at once. */
const waiting = new Map<string, Set<() => void>>();

function wake(key: string): void {
  const waiters = waiting.get(key);
  if (!waiters) return;
  waiting.delete(key);
  for (const resolve of waiters) resolve();
}

function nextChance(key: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const waiters = waiting.get(key) ?? new Set<() => void>();
    waiting.set(key, waiters);
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.add(done);
  });
}

async function tryEnter(counter: Counter, now: number): Promise<boolean> {
  const moment = big(now);
  const updated = await prisma.$executeRaw`
    UPDATE "LoginCounter" SET
      "failures" = CASE WHEN "windowEnds" <= ${moment} THEN 0 ELSE "failures" END,
      "windowEnds" = CASE WHEN "windowEnds" <= ${moment} THEN 0 ELSE "windowEnds" END,
      "inFlight" = CASE WHEN "leaseEnds" <= ${moment} THEN 1 ELSE "inFlight" + 1 END,
      "leaseEnds" = ${big(now + LEASE_MS)}
    WHERE "key" = ${counter.key}
      AND (CASE WHEN "windowEnds" <= ${moment} THEN 0 ELSE "failures" END)
        + (CASE WHEN "leaseEnds" <= ${moment} THEN 0 ELSE "inFlight" END) < ${counter.limit}`;
  if (updated) return true;
  const inserted = await prisma.$executeRaw`
    INSERT INTO "LoginCounter" ("key", "failures", "windowEnds", "inFlight", "leaseEnds", "notedLock")
    VALUES (${counter.key}, 0, 0, 1, ${big(now + LEASE_MS)}, 0)
    ON CONFLICT ("key") DO NOTHING`;
  return inserted > 0;
}

/** Milliseconds the counter's failures still lock it for, or 0. */
export async function lockedFor(key: string, limit: number, now = Date.now()): Promise<number> {
  const row = await prisma.loginCounter.findUnique({ where: { key } });
  if (!row) return 0;
  const windowEnds = Number(row.windowEnds);
  return windowEnds > now && row.failures >= limit ? windowEnds - now : 0;
}

/**
 * Enters a check on the counter: at once while there is room, after the checks in flight end
 * when there is not, or never when its failures lock it (`lockedMs`). Throws PasswordHashingBusy
 * when the checks in flight take longer than WAIT_MS to leave room.
 */
export async function enter(counter: Counter): Promise<Entry> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = Date.now();
    if (await tryEnter(counter, now)) return { entered: true };
    const lockedMs = await lockedFor(counter.key, counter.limit, now);
    if (lockedMs) return { entered: false, lockedMs };
    const left = deadline - Date.now();
    if (left <= 0) throw new PasswordHashingBusy();
    await nextChance(counter.key, Math.min(POLL_MS, left));
  }
}

/** The check failed: one failure more (the window's first starts it). The failures now counted. */
export async function fail(counter: Counter, inFlight = true): Promise<{ failures: number; windowEnds: number }> {
  const now = Date.now();
  const moment = big(now);
  try {
    if (!inFlight)
      await prisma.$executeRaw`
        INSERT INTO "LoginCounter" ("key") VALUES (${counter.key}) ON CONFLICT ("key") DO NOTHING`;
    const inFlightAfter = inFlight
      ? Prisma.sql`CASE WHEN "inFlight" > 0 AND "leaseEnds" > ${moment} THEN "inFlight" - 1 ELSE 0 END`
      : Prisma.sql`"inFlight"`;
    const rows = await prisma.$queryRaw<Array<{ failures: number | bigint; windowEnds: number | bigint }>>`
      UPDATE "LoginCounter" SET
        "failures" = (CASE WHEN "windowEnds" <= ${moment} THEN 0 ELSE "failures" END) + 1,
        "windowEnds" = CASE WHEN "windowEnds" <= ${moment} THEN ${big(now + counter.windowMs)} ELSE "windowEnds" END,
        "inFlight" = ${inFlightAfter}
      WHERE "key" = ${counter.key}
      RETURNING "failures", "windowEnds"`;
    const row = rows[0];
    return row
      ? { failures: Number(row.failures), windowEnds: Number(row.windowEnds) }
      : { failures: 0, windowEnds: 0 };
  } finally {
    wake(counter.key);
  }
}

/** The check ended without failing; `forgive`: the counter's failures are forgiven too. */
export async function release(counter: Counter, forgive: boolean): Promise<void> {
  const moment = big(Date.now());
  try {
    if (forgive)
      await prisma.$executeRaw`
        UPDATE "LoginCounter" SET
          "failures" = 0, "windowEnds" = 0,
          "inFlight" = CASE WHEN "inFlight" > 0 AND "leaseEnds" > ${moment} THEN "inFlight" - 1 ELSE 0 END
        WHERE "key" = ${counter.key}`;
    else
      await prisma.$executeRaw`
        UPDATE "LoginCounter" SET
          "inFlight" = CASE WHEN "inFlight" > 0 AND "leaseEnds" > ${moment} THEN "inFlight" - 1 ELSE 0 END
        WHERE "key" = ${counter.key}`;
  } finally {
    wake(counter.key);
  }
}

/** Forgives a counter's failures without a check of its own in flight (a completed login's other counters). */
export async function forgive(key: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "LoginCounter" SET "failures" = 0, "windowEnds" = 0 WHERE "key" = ${key}`;
  wake(key);
}

/**
 * True for exactly one caller per lock window of the counter, across instances: the one whose
 * refusal is recorded (one audit row per window, not per refused attempt).
 */
export async function firstRefusalOfWindow(key: string): Promise<boolean> {
  const noted = await prisma.$executeRaw`
    UPDATE "LoginCounter" SET "notedLock" = "windowEnds"
    WHERE "key" = ${key} AND "windowEnds" > 0 AND "notedLock" <> "windowEnds"`;
  return noted > 0;
}
