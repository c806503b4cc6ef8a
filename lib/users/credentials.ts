import "server-only";
import { recordEvent } from "@/lib/audit";
import { trustedDevice } from "@/lib/auth/device-cookie";
import { prisma } from "@/lib/db";
import { hashingAvailable, PasswordHashingBusy, verifyPassword } from "@/lib/passwords";
import { forgiveLoginAttempt, knownLoginRefusal, reserveLoginAttempt, type Throttled } from "@/lib/throttle";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { usernameKey } from "@/lib/users/keys";
import { toAuthenticatedUser } from "@/lib/users/shape";
import type { LoginInput } from "@/lib/validation";

export type LoginOutcome =
  | { ok: true; user: AuthenticatedUser }
  // "inactive": the password was right but the account is deactivated. The login form and API
  // show it as "invalid" (no account enumeration); basic auth says so, as DRF does for tokens.
  | { ok: false; reason: "invalid" | "inactive" }
  | ({ ok: false; reason: "throttled" } & Throttled);

/**
 * The cheap refusals, answered before an attempt costs a hash: a lock the database already
 * reported (429; from memory, bar the address's point: knownLoginRefusal), or a hashing queue too
 * long to start within seconds (PasswordHashingBusy, a 503). A flood of refused attempts then
 * costs next to nothing.
 */
async function refuseEarly(username: string, client: RequestInfo): Promise<LoginOutcome | null> {
  const key = usernameKey(username);
  const known = await knownLoginRefusal(key, client.clientAddress, trustedDevice(client.headers, key));
  if (known) return { ok: false, reason: "throttled", ...known };
  if (!hashingAvailable()) throw new PasswordHashingBusy();
  return null;
}

/**
 * Checks a username and password. An unknown user, a wrong password and an inactive user are
 * the same failure, and cost the same time (verifyPassword compares against a dummy hash).
 * `startsSession`: a login (last_login is recorded), not a request authenticated by basic auth.
 */
export async function verifyLogin(input: LoginInput, client: RequestInfo, startsSession = true): Promise<LoginOutcome> {
  const early = await refuseEarly(input.username, client);
  if (early) return early;
  const key = usernameKey(input.username);
  // A browser this username has signed in from before is throttled on its own (OWASP's device cookies).
  const device = trustedDevice(client.headers, key);
  const reservation = await reserveLoginAttempt(key, client.clientAddress, device);
  if (reservation.throttled) {
    // One audit row per lock window, not per refused attempt: a flood must not push the
    // person's real events out of their account page.
    if (reservation.startsLock) {
      const known = await prisma.user.findUnique({ where: { usernameKey: key }, select: { id: true } });
      await recordEvent("login_throttled", known?.id ?? null, client);
    }
    return { ok: false, reason: "throttled", throttled: true, retryAfter: reservation.retryAfter };
  }

  const row = await prisma.user.findUnique({ where: { usernameKey: key } });
  const matches = await verifyPassword(input.password, row?.password ?? null);
  if (!row || !matches || !row.isActive) {
    await recordEvent("login_failed", row?.id ?? null, client);
    return { ok: false, reason: row && matches ? "inactive" : "invalid" };
  }

  await forgiveLoginAttempt(key, client.clientAddress, device);
  if (!startsSession) return { ok: true, user: toAuthenticatedUser(row) };
  const user = await prisma.user.update({
    where: { id: row.id },
    data: { lastLogin: new Date() },
    omit: { password: true },
  });
  // The stamp of the row whose hash was checked, not of the row just updated: if the password
  // changed in between, the session must be born dead.
  return { ok: true, user: { ...toAuthenticatedUser(user), credentialsVersion: row.credentialsVersion } };
}
