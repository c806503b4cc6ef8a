import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db";
import { config, type Rate } from "@/lib/env";
import { forgetLock, knownLockMs, rememberLock } from "@/lib/known-locks";
import { enter, fail, firstRefusalOfWindow, forgive, release, type Counter, type Entry } from "@/lib/login-counters";
import { throttleKeyOf } from "@/lib/throttle-key";

// Counters live in the database, so every instance that shares it agrees. Registration, reset and
// mail limits count requests (rate-limiter-flexible's Prisma store: an atomic increment per
// request); logins count failed checks, with the checks in flight (lib/login-counters.ts).
// Per-address counters count by throttleKeyOf (an IPv6 client by its /64).

export type Throttled = { throttled: true; retryAfter: number };
export type Reservation = { throttled: false } | Throttled;

function limiter(keyPrefix: string, rate: Rate): RateLimiterPrisma {
  return new RateLimiterPrisma({
    storeClient: prisma,
    // The store indexes the client by this name: Prisma's accessor for model RateLimiterFlexible.
    tableName: "rateLimiterFlexible",
    keyPrefix,
    points: rate.points,
    duration: rate.seconds,
  });
}

const holder = globalThis as typeof globalThis & { vestibuleLimiters?: ReturnType<typeof createLimiters> };

function createLimiters() {
  return {
    register: limiter("register-address", config.THROTTLE_REGISTER),
    resetAddress: limiter("reset-address", config.THROTTLE_PASSWORD_RESET),
    resetEmail: limiter("reset-email", config.THROTTLE_PASSWORD_RESET),
    verifyAddress: limiter("verify-address", config.THROTTLE_PASSWORD_RESET),
    verifyEmail: limiter("verify-email", config.THROTTLE_PASSWORD_RESET),
    passkeyOptions: limiter("passkey-options", config.THROTTLE_PASSKEY_OPTIONS),
    linkMailAccount: limiter("mail-link-account", config.THROTTLE_MAIL),
    linkMailRecipient: limiter("mail-link-recipient", config.THROTTLE_MAIL),
    noticeMailAccount: limiter("mail-notice-account", config.THROTTLE_MAIL),
    noticeMailRecipient: limiter("mail-notice-recipient", config.THROTTLE_MAIL),
  };
}

const limiters = (holder.vestibuleLimiters ??= createLimiters());

/** DRF rounds the wait up and never says 0. */
function secondsUntil(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

async function reserve(attempts: Array<Promise<RateLimiterRes>>): Promise<Reservation> {
  const results = await Promise.allSettled(attempts);
  let wait = 0;
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    // The library rejects with a RateLimiterRes when over the limit, with an Error on a fault.
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    wait = Math.max(wait, secondsUntil(result.reason));
  }
  return wait ? { throttled: true, retryAfter: wait } : { throttled: false };
}

// The login counters (lib/login-counters.ts). Per-address keys group an IPv6 client by its /64
// (lib/throttle-key.ts).
const usernameLock = (usernameKey: string) => `login-username:${usernameKey}`;
const addressLock = (address: string) => `login-address:${throttleKeyOf(address)}`;
const deviceLock = (device: string) => `login-device:${device}`;
const secondStepLock = (userId: string) => `second-step:${userId}`;
const secondStepDeviceLock = (device: string) => `second-step-device:${device}`;

const counterOf = (key: string, rate: Rate): Counter => ({ key, limit: rate.points, windowMs: rate.seconds * 1000 });

/**
 * One counter an attempt is checked against. `forgiven`: a completed login forgives its failures
 * (the username's, a device's, the second step's), where an address's stand (it is shared by
 * strangers). `address`: the client address's counter, which a refusal for another counter's
 * lock still charges a failure, until the address is locked too: without it, one address
 * hammering one locked username never reached its own limit, so lib/login-shield.cjs never
 * refused it before Next.js, and Next.js's work per refusal let 150 connections crowd out every
 * other request (docs/benchmarks.md, "Measurements behind the code").
 */
type Gate = { counter: Counter; forgiven: boolean; address?: boolean };

/** What one attempt is counted against, and what its success forgives besides. */
export type Attempt = { gates: Gate[]; alsoForgives: string[] };

const addressGate = (address: string): Gate => ({
  counter: counterOf(addressLock(address), config.THROTTLE_LOGIN_ADDRESS),
  forgiven: false,
  address: true,
});

/**
 * A password check of this username (a login, basic auth, the password asked again). OWASP's
 * device cookies: a known device's attempts count against that device alone, never against the
 * username's or the address's shared counters, which strangers can exhaust.
 */
export function passwordAttempt(usernameKey: string, address: string, device: string | null): Attempt {
  if (device)
    return {
      gates: [{ counter: counterOf(deviceLock(device), config.THROTTLE_LOGIN_USERNAME), forgiven: true }],
      alsoForgives: [],
    };
  return {
    gates: [
      { counter: counterOf(usernameLock(usernameKey), config.THROTTLE_LOGIN_USERNAME), forgiven: true },
      addressGate(address),
    ],
    alsoForgives: [],
  };
}

/**
 * A login's second step (a code, a recovery code, a passkey), after a right password. Its wrong
 * codes count on a counter of their own, with the username's limits, whichever ticket they came
 * with: only the completed login forgives them, and the password's counter with them.
 */
export function secondStepAttempt(
  userId: string,
  usernameKey: string,
  address: string,
  device: string | null,
): Attempt {
  if (device)
    return {
      gates: [{ counter: counterOf(secondStepDeviceLock(device), config.THROTTLE_LOGIN_USERNAME), forgiven: true }],
      alsoForgives: [deviceLock(device)],
    };
  return {
    gates: [
      { counter: counterOf(secondStepLock(userId), config.THROTTLE_LOGIN_USERNAME), forgiven: true },
      addressGate(address),
    ],
    alsoForgives: [usernameLock(usernameKey)],
  };
}

/** A passkey sign-in (no username to count against): the client address's failed logins. */
export function passkeyAttempt(address: string): Attempt {
  return { gates: [addressGate(address)], alsoForgives: [] };
}

const throttledFor = (ms: number): Throttled | null =>
  ms ? { throttled: true, retryAfter: Math.max(1, Math.ceil(ms / 1000)) } : null;

/** A refusal for one counter's lock costs the attempt's address a failure, until it is locked too. */
async function chargeAddress(attempt: Attempt, lockedKey: string): Promise<void> {
  for (const gate of attempt.gates) {
    if (!gate.address || gate.counter.key === lockedKey || knownLockMs(gate.counter.key)) continue;
    const counted = await fail(gate.counter, false);
    if (counted.failures >= gate.counter.limit) rememberLock(gate.counter.key, counted.windowEnds - Date.now());
  }
}

// Locks whose first refusal this process has already offered to record (key → until): a flood
// refused from memory asks the database once per lock per process, not once per refusal.
const noted = new Map<string, number>();

function notedHere(key: string, until: number): boolean {
  const now = Date.now();
  if ((noted.get(key) ?? 0) > now) return true;
  if (noted.size >= 10_000) for (const [other, end] of noted) if (end <= now) noted.delete(other);
  if (noted.size < 10_000) noted.set(key, until);
  return false;
}

/**
 * A lock of one of the attempt's counters that the database already reported: answered from
 * memory (with the address's charge), before the attempt costs a hash or a read.
 * `startsLock`: the first refusal of the lock's window, across instances (one audit row).
 */
export async function knownRefusal(attempt: Attempt): Promise<(Throttled & { startsLock: boolean }) | null> {
  for (const gate of attempt.gates) {
    const ms = knownLockMs(gate.counter.key);
    const known = throttledFor(ms);
    if (!known) continue;
    await chargeAddress(attempt, gate.counter.key);
    const startsLock = !notedHere(gate.counter.key, Date.now() + ms) && (await firstRefusalOfWindow(gate.counter.key));
    return { ...known, startsLock };
  }
  return null;
}

/** The address's lock alone, from memory (lib/login/login-shield.ts: before the body is read). */
export function knownAddressLock(address: string): Throttled | null {
  return throttledFor(knownLockMs(addressLock(address)));
}

/** "success": a completed login; "failure": a wrong password or code; "pending": right, a second step to come. */
export type CheckOutcome = "success" | "failure" | "pending";

export type Guarded<T> =
  | { throttled: false; value: T; lockedNow: string[] }
  /** `startsLock`: this refusal is the first of its lock window (exactly one, across instances). */
  | (Throttled & { startsLock: boolean });

/**
 * The one way a password, a code or a passkey is checked: the attempt's counters are entered
 * (lib/login-counters.ts: a lock refuses, checks in flight make it wait), the check runs, and
 * its outcome is counted. A success forgives what the attempt's counters forgive; a check that
 * throws counts as nothing. `lockedNow`: the counters this failure locked.
 */
export async function guardedCheck<T>(
  attempt: Attempt,
  check: () => Promise<{ outcome: CheckOutcome; value: T }>,
): Promise<Guarded<T>> {
  const known = await knownRefusal(attempt);
  if (known) return known;
  const entered: Gate[] = [];
  for (const gate of attempt.gates) {
    let entry: Entry;
    try {
      entry = await enter(gate.counter);
    } catch (error) {
      await Promise.all(entered.map((done) => release(done.counter, false)));
      throw error;
    }
    if (entry.entered) {
      entered.push(gate);
      continue;
    }
    await Promise.all(entered.map((done) => release(done.counter, false)));
    rememberLock(gate.counter.key, entry.lockedMs);
    await chargeAddress(attempt, gate.counter.key);
    const startsLock =
      !notedHere(gate.counter.key, Date.now() + entry.lockedMs) && (await firstRefusalOfWindow(gate.counter.key));
    return { throttled: true, retryAfter: Math.max(1, Math.ceil(entry.lockedMs / 1000)), startsLock };
  }

  let result: { outcome: CheckOutcome; value: T };
  try {
    result = await check();
  } catch (error) {
    await Promise.all(entered.map((gate) => release(gate.counter, false)));
    throw error;
  }
  const lockedNow: string[] = [];
  if (result.outcome === "failure") {
    await Promise.all(
      entered.map(async (gate) => {
        const counted = await fail(gate.counter);
        if (counted.failures < gate.counter.limit) return;
        rememberLock(gate.counter.key, counted.windowEnds - Date.now());
        if (counted.failures === gate.counter.limit) lockedNow.push(gate.counter.key);
      }),
    );
  } else {
    const forgiving = result.outcome === "success";
    await Promise.all(entered.map((gate) => release(gate.counter, forgiving && gate.forgiven)));
    if (forgiving) {
      for (const gate of entered) if (gate.forgiven) forgetLock(gate.counter.key);
      for (const key of attempt.alsoForgives) forgetLock(key);
      await Promise.all(attempt.alsoForgives.map((key) => forgive(key)));
    }
  }
  return { throttled: false, value: result.value, lockedNow };
}

/**
 * What a completed login forgives, for an attempt whose check ended "pending" (a second step is
 * complete only once its ticket is consumed, after the check).
 */
export async function forgiveCompletedLogin(attempt: Attempt): Promise<void> {
  const keys = [
    ...attempt.gates.filter((gate) => gate.forgiven).map((gate) => gate.counter.key),
    ...attempt.alsoForgives,
  ];
  for (const key of keys) forgetLock(key);
  await Promise.all(keys.map((key) => forgive(key)));
}

/** True when `key` is the second step's own counter (its lock is mailed to the owner). */
export const isSecondStepLock = (key: string) => key.startsWith("second-step");

export function reserveRegistration(address: string): Promise<Reservation> {
  return reserve([limiters.register.consume(throttleKeyOf(address))]);
}

/** Reset requests, per client address and per e-mail address: no mail-bombing a victim's inbox. */
export function reservePasswordReset(email: string, address: string): Promise<Reservation> {
  return reserve([
    limiters.resetEmail.consume(email.toLowerCase()),
    limiters.resetAddress.consume(throttleKeyOf(address)),
  ]);
}

/** Verification mails asked for again: the reset requests' limits, counted on their own. */
export function reserveVerificationMail(email: string, address: string): Promise<Reservation> {
  return reserve([
    limiters.verifyEmail.consume(email.toLowerCase()),
    limiters.verifyAddress.consume(throttleKeyOf(address)),
  ]);
}

/** A passkey sign-in challenge for this client address: each one is a row until it expires. */
export function reservePasskeyOptions(address: string): Promise<Reservation> {
  return reserve([limiters.passkeyOptions.consume(throttleKeyOf(address))]);
}

/**
 * One mail more to this account (`accountId`, when there is one) and this recipient address, of
 * one kind: links (verification, reset) or security notices, each with a budget of its own, so a
 * flood of one kind never silences the other. A request must not turn the app into a mail cannon
 * aimed at an inbox.
 */
export function reserveMail(
  kind: "link" | "notice",
  accountId: string | null,
  recipient: string,
): Promise<Reservation> {
  const [account, address] =
    kind === "link"
      ? [limiters.linkMailAccount, limiters.linkMailRecipient]
      : [limiters.noticeMailAccount, limiters.noticeMailRecipient];
  return reserve([...(accountId ? [account.consume(accountId)] : []), address.consume(recipient.trim().toLowerCase())]);
}
