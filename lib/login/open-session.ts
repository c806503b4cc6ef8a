import "server-only";
import { cookies } from "next/headers";
import { recordEvent } from "@/lib/audit";
import { deviceCookieAfterLogin } from "@/lib/auth/device-cookie";
import { createSession, readSessionCookie, revokeSessionByToken } from "@/lib/auth/session";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { restoreLanguage } from "@/lib/i18n/preference";

// The session row a proven login starts, for the password, second-step and passkey logins
// (lib/login/login.ts, which then sets the cookie) and a provider's callback (lib/login/provider-login.ts,
// whose cookie Auth.js writes). Apart from lib/login/authjs.ts, so that neither imports the other.

/**
 * A new session for a user whose login was proven, its cookie left to the caller (Auth.js writes
 * it after a provider's callback). A new session id at every login (no fixation): whoever was
 * logged in on this device before is replaced. The user carries the credentials stamp their proof
 * was checked under, so a login that raced a password change starts a dead session. The
 * account's language, when it has one, becomes the browser's (the `lang` cookie).
 */
export async function openSession(
  user: AuthenticatedUser,
  request: RequestInfo,
): Promise<{ id: string; token: string }> {
  const previous = readSessionCookie(request.headers, request.secure);
  const session = await createSession(user, request.headers.get("user-agent") ?? "");
  if (previous) await revokeSessionByToken(previous);
  await rememberDevice(user, request);
  await restoreLanguage(user.id, request.secure);
  await recordEvent("login", user.id, request);
  return session;
}

/** Leaves (or renews) this account's device cookie on the browser, beside its other accounts'. */
async function rememberDevice(user: AuthenticatedUser, request: RequestInfo): Promise<void> {
  const cookie = deviceCookieAfterLogin(request.headers, user, request.secure);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}
