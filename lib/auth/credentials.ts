import "server-only";
import { recordEvent } from "@/lib/audit";
import { carriesDeviceCookie, trustedDevice, type DeviceAccount } from "@/lib/auth/device-cookie";
import type { User } from "@prisma/client";
import { prisma } from "@/lib/db";
import { hasSecondFactor } from "@/lib/mfa/status";
import { hashingAvailable, PasswordHashingBusy, verifyPassword } from "@/lib/passwords";
import { guardedCheck, knownRefusal, passwordAttempt, type Throttled } from "@/lib/throttle";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { usernameKey } from "@/lib/auth/username-key";
import { toAuthenticatedUser } from "@/lib/auth/user-row";
import type { LoginInput } from "@/lib/validation";

export type LoginOutcome =
  // `secondFactor`: the password was right and the account has a second factor, so this is not
  // a login yet: the throttle forgives nothing until the second step succeeds.
  | { ok: true; user: AuthenticatedUser; secondFactor: boolean }
  // "inactive": the password was right but the account is deactivated. The login form and API
  // show it as "invalid" (no account enumeration); basic auth says so, as DRF does for tokens.
  | { ok: false; reason: "invalid" | "inactive" }
  | ({ ok: false; reason: "throttled" } & Throttled);

/**
 * The known device of this username the request comes from (OWASP's device cookies), or null. The
 * cookie names the account's id and credentials stamp, so the account is read first, but only
 * when the request carries a device cookie at all: a flood without one costs no read here.
 */
export async function deviceOfUsername(headers: Headers, key: string): Promise<string | null> {
  if (!carriesDeviceCookie(headers)) return null;
  const account = await prisma.user.findUnique({
    where: { usernameKey: key },
    select: { id: true, credentialsVersion: true },
  });
  return trustedDevice(headers, account);
}

/** The known device of this account (already read) the request comes from, or null. */
export function deviceOf(headers: Headers, account: DeviceAccount): string | null {
  return carriesDeviceCookie(headers) ? trustedDevice(headers, account) : null;
}

/**
 * Checks a username and password. An unknown user, a wrong password and an inactive user are
 * the same failure, and cost the same time (verifyPassword compares against a dummy hash).
 * `startsSession`: a login (last_login is recorded), not a request authenticated by basic auth.
 *
 * The cheap refusals come first, before an attempt costs a hash: a lock the database already
 * reported (429, from memory) or a hashing queue too long to start within seconds
 * (PasswordHashingBusy, a 503). A flood of refused attempts then costs next to nothing.
 */
export async function verifyLogin(input: LoginInput, client: RequestInfo, startsSession = true): Promise<LoginOutcome> {
  const key = usernameKey(input.username);
  // A browser this account has signed in from before is throttled on its own.
  const attempt = passwordAttempt(key, client.clientAddress, await deviceOfUsername(client.headers, key));
  const known = await knownRefusal(attempt);
  const guarded = known ?? (await checkPassword());
  if (guarded.throttled) {
    // One audit row per lock window, not per refused attempt: a flood must not push the
    // person's real events out of their account page.
    if (guarded.startsLock) {
      const account = await prisma.user.findUnique({ where: { usernameKey: key }, select: { id: true } });
      await recordEvent("login_throttled", account?.id ?? null, client);
    }
    return { ok: false, reason: "throttled", throttled: true, retryAfter: guarded.retryAfter };
  }
  if ("refused" in guarded.value) return { ok: false, reason: guarded.value.refused };
  const { row, secondFactor } = guarded.value;
  if (!startsSession || secondFactor) return { ok: true, user: toAuthenticatedUser(row), secondFactor };
  const user = await prisma.user.update({
    where: { id: row.id },
    data: { lastLogin: new Date() },
    omit: { password: true },
  });
  // The stamp of the row whose hash was checked, not of the row just updated: if the password
  // changed in between, the session must be born dead.
  return {
    ok: true,
    user: { ...toAuthenticatedUser(user), credentialsVersion: row.credentialsVersion },
    secondFactor: false,
  };

  function checkPassword() {
    if (!hashingAvailable()) throw new PasswordHashingBusy();
    return guardedCheck<Checked>(attempt, async () => {
      const row = await prisma.user.findUnique({ where: { usernameKey: key } });
      const matches = await verifyPassword(input.password, row?.password ?? null);
      if (!row || !matches || !row.isActive) {
        await recordEvent("login_failed", row?.id ?? null, client);
        return { outcome: "failure", value: { refused: row && matches ? "inactive" : "invalid" } };
      }
      const secondFactor = await hasSecondFactor(row.id);
      return { outcome: secondFactor ? "pending" : "success", value: { row, secondFactor } };
    });
  }
}

type Checked = { refused: "invalid" | "inactive" } | { row: User; secondFactor: boolean };
