import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db";
import { config, type Rate } from "@/lib/env";
import { forgetLock, knownLockMs, rememberLock } from "@/lib/known-locks";
import { throttleKeyOf } from "@/lib/throttle-key";

// Counters live in the database (rate-limiter-flexible's Prisma store), so every instance that
// shares it agrees. An attempt reserves its point atomically (an upsert that increments in the
// database) before the password is checked, so parallel guesses cannot slip past the limit.
// Per-address counters count by throttleKeyOf (an IPv6 client by its /64).

export type Throttled = { throttled: true; retryAfter: number };
export type Reservation = { throttled: false } | Throttled;
/** `startsLock`: this refusal is the first of a lock window (exactly one, across instances). */
export type LoginReservation = { throttled: false } | (Throttled & { startsLock: boolean });

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
    loginUsername: limiter("login-username", config.THROTTLE_LOGIN_USERNAME),
    loginAddress: limiter("login-address", config.THROTTLE_LOGIN_ADDRESS),
    // A known device's own failures (lib/auth/device-cookie.ts): the username's limits, its own count.
    loginDevice: limiter("login-device", config.THROTTLE_LOGIN_USERNAME),
    register: limiter("register-address", config.THROTTLE_REGISTER),
    resetAddress: limiter("reset-address", config.THROTTLE_PASSWORD_RESET),
    resetEmail: limiter("reset-email", config.THROTTLE_PASSWORD_RESET),
    verifyAddress: limiter("verify-address", config.THROTTLE_PASSWORD_RESET),
    verifyEmail: limiter("verify-email", config.THROTTLE_PASSWORD_RESET),
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

const usernameLock = (usernameKey: string) => `login-username:${usernameKey}`;
// Per-address keys group an IPv6 client by its /64 (lib/throttle-key.ts).
const addressLock = (address: string) => `login-address:${throttleKeyOf(address)}`;

const deviceLock = (device: string) => `login-device:${device}`;

const throttledFor = (ms: number): Throttled | null =>
  ms ? { throttled: true, retryAfter: Math.max(1, Math.ceil(ms / 1000)) } : null;

/**
 * A lock of this username or address that the database already reported: answered from memory.
 * An attempt from a known device (`device`: its id, lib/auth/device-cookie.ts) answers to that
 * device's lock alone.
 */
function knownLoginLock(usernameKey: string, address: string, device: string | null = null): Throttled | null {
  if (device) return throttledFor(knownLockMs(deviceLock(device)));
  return throttledFor(Math.max(knownLockMs(usernameLock(usernameKey)), knownLockMs(addressLock(address))));
}

/**
 * knownLoginLock, plus what a refusal from a locked username still costs its address: a point,
 * until the address is locked too. Without it, one address hammering one locked username never
 * reached its own limit, so lib/login-shield.cjs never refused it before Next.js, and ~3 ms of
 * Next.js's work per refusal let 150 connections crowd out every other request. At most the
 * address's limit of writes per window; then the address's lock, too, is answered from memory.
 */
export async function knownLoginRefusal(
  usernameKey: string,
  address: string,
  device: string | null = null,
): Promise<Throttled | null> {
  const known = knownLoginLock(usernameKey, address, device);
  if (!known || device || knownLockMs(addressLock(address))) return known;
  try {
    await limiters.loginAddress.consume(throttleKeyOf(address));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    rememberLock(addressLock(address), error.msBeforeNext);
  }
  return known;
}

/** The same, for the address alone (lib/auth/login-shield.ts: before the body is read). */
export function knownAddressLock(address: string): Throttled | null {
  return throttledFor(knownLockMs(addressLock(address)));
}

/**
 * Counts a login attempt against the username and the client address, before any hashing. A
 * refusal the database gives is remembered (knownLoginLock), and only the attempt that took a
 * counter one past its limit starts a lock window: the caller records one event per window.
 */
export async function reserveLoginAttempt(
  usernameKey: string,
  address: string,
  device: string | null = null,
): Promise<LoginReservation> {
  const known = await knownLoginRefusal(usernameKey, address, device);
  if (known) return { ...known, startsLock: false };
  // OWASP's device cookies: a known device's attempts count against that device alone, never
  // against the username's or the address's shared counters, which strangers can exhaust.
  const counters = device
    ? [
        {
          lock: deviceLock(device),
          limit: config.THROTTLE_LOGIN_USERNAME.points,
          attempt: limiters.loginDevice.consume(device),
        },
      ]
    : [
        {
          lock: usernameLock(usernameKey),
          limit: config.THROTTLE_LOGIN_USERNAME.points,
          attempt: limiters.loginUsername.consume(usernameKey),
        },
        {
          lock: addressLock(address),
          limit: config.THROTTLE_LOGIN_ADDRESS.points,
          attempt: limiters.loginAddress.consume(throttleKeyOf(address)),
        },
      ];
  const results = await Promise.allSettled(counters.map((counter) => counter.attempt));
  let wait = 0;
  let startsLock = false;
  results.forEach((result, index) => {
    if (result.status === "fulfilled") return;
    // The library rejects with a RateLimiterRes when over the limit, with an Error on a fault.
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    rememberLock(counters[index].lock, result.reason.msBeforeNext);
    wait = Math.max(wait, secondsUntil(result.reason));
    startsLock ||= result.reason.consumedPoints === counters[index].limit + 1;
  });
  return wait ? { throttled: true, retryAfter: wait, startsLock } : { throttled: false };
}

/** A success is not a failure: the username's count starts again and the address gets its point back. */
export async function forgiveLoginAttempt(
  usernameKey: string,
  address: string,
  device: string | null = null,
): Promise<void> {
  if (device) {
    // The shared counters were not touched; a stranger's count against the username stands.
    forgetLock(deviceLock(device));
    await limiters.loginDevice.delete(device);
    return;
  }
  forgetLock(usernameLock(usernameKey));
  await Promise.all([
    limiters.loginUsername.delete(usernameKey),
    limiters.loginAddress.reward(throttleKeyOf(address), 1),
  ]);
}

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
