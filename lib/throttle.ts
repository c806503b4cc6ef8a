import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "@/lib/db";
import { config, type Rate } from "@/lib/env";
import { throttleKeyOf } from "@/lib/throttle-key";

// Counters live in the database (rate-limiter-flexible's Prisma store), so every instance that
// shares it agrees. An attempt reserves its point atomically (an upsert that increments in the
// database) before the password is checked, so parallel guesses cannot slip past the limit.
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
    loginUsername: limiter("login-username", config.THROTTLE_LOGIN_USERNAME),
    loginAddress: limiter("login-address", config.THROTTLE_LOGIN_ADDRESS),
    register: limiter("register-address", config.THROTTLE_REGISTER),
    resetAddress: limiter("reset-address", config.THROTTLE_PASSWORD_RESET),
    resetEmail: limiter("reset-email", config.THROTTLE_PASSWORD_RESET),
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

/** Counts a login attempt against the username and the client address, before any hashing. */
export function reserveLoginAttempt(usernameKey: string, address: string): Promise<Reservation> {
  return reserve([limiters.loginUsername.consume(usernameKey), limiters.loginAddress.consume(throttleKeyOf(address))]);
}

/** A success is not a failure: the username's count starts again and the address gets its point back. */
export async function forgiveLoginAttempt(usernameKey: string, address: string): Promise<void> {
  await Promise.all([limiters.loginUsername.delete(usernameKey), limiters.loginAddress.reward(throttleKeyOf(address), 1)]);
}

export function reserveRegistration(address: string): Promise<Reservation> {
  return reserve([limiters.register.consume(throttleKeyOf(address))]);
}

/** Reset requests, per client address and per e-mail address: no mail-bombing a victim's inbox. */
export function reservePasswordReset(email: string, address: string): Promise<Reservation> {
  return reserve([limiters.resetEmail.consume(email.toLowerCase()), limiters.resetAddress.consume(throttleKeyOf(address))]);
}
