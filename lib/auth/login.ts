import "server-only";
import { CredentialsSignin } from "next-auth";
import { cookies } from "next/headers";
import { recordEvent } from "@/lib/audit";
import { authjs, type SignInContext } from "@/lib/auth/authjs";
import { readCookie } from "@/lib/auth/cookies";
import { deviceCookieAfterLogin } from "@/lib/auth/device-cookie";
import { noticeIfNewDevice } from "@/lib/auth/new-device";
import { revokeSessionByToken, revokeUserSessions, sessionCookieName } from "@/lib/auth/sessions";
import type { AuthenticatedUser, Identity, RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { mailVerificationLink } from "@/lib/email/verification";
import { issueTicket } from "@/lib/mfa/tickets";
import { secondFactorMethods } from "@/lib/mfa/status";
import { refuseEarly, type LoginOutcome } from "@/lib/users/credentials";
import { usernameKey } from "@/lib/users/keys";
import { toAuthenticatedUser } from "@/lib/users/shape";
import { deleteUser, registerUser, type RegisterResult } from "@/lib/users/register";
import type { LoginInput, RegisterInput } from "@/lib/validation";

// Logging in and out, for the JSON API and the server actions alike. Auth.js sets and clears
// the cookie (through next/headers' cookies(), so this runs inside a request).

export type SecondFactorRequired = { ok: false; reason: "mfa_required"; ticket: string; methods: string[] };
export type LoginResult = (LoginOutcome & { sessionId?: string }) | SecondFactorRequired;

async function signInWith(context: SignInContext, credentials: Record<string, string>): Promise<LoginResult> {
  const previous = readCookie(context.request.headers, sessionCookieName(context.request.secure));
  try {
    await authjs(context).signIn("credentials", { ...credentials, redirect: false, redirectTo: "/" });
  } catch (error) {
    if (!(error instanceof CredentialsSignin) || !context.outcome) throw context.failure ?? error;
  }
  if (context.failure) throw context.failure;
  // Password right, second factor pending: a ticket, never a session (lib/mfa/tickets.ts). The
  // ticket keeps the credentials stamp the password was checked under, for the session it becomes.
  if (context.secondFactorPending) {
    const pending = context.secondFactorPending;
    return { ok: false, reason: "mfa_required", ticket: await issueTicket(pending), methods: await secondFactorMethods(pending.id) };
  }
  const outcome = context.outcome ?? { ok: false, reason: "invalid" };
  if (!outcome.ok || !context.session) return outcome;
  // A new session id at every login (no fixation); whoever was logged in here before is replaced.
  if (previous) await revokeSessionByToken(previous);
  await rememberDevice(outcome.user, context.request);
  await recordEvent("login", outcome.user.id, context.request);
  return { ...outcome, sessionId: context.session.id };
}

/** Leaves (or renews) this account's device cookie on the browser, beside its other accounts'. */
async function rememberDevice(user: AuthenticatedUser, request: RequestInfo): Promise<void> {
  const cookie = deviceCookieAfterLogin(request.headers, usernameKey(user.username), request.secure);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
}

/** Checks the credentials and, when they are right, starts a new session. */
export async function logIn(input: LoginInput, request: RequestInfo): Promise<LoginResult> {
  // Before Auth.js: a refused attempt should not pay for building a sign-in.
  const early = refuseEarly(input.username, request);
  if (early) return early;
  const result = await signInWith({ request }, { username: input.username, password: input.password });
  if (result.ok) await noticeIfNewDevice(result.user, request);
  return result;
}

/** Starts a session for a user whose login was proven another way: a second factor, a passkey. */
export async function logInVerifiedUser(userId: string, request: RequestInfo, credentialsVersion?: number): Promise<LoginResult> {
  const row = await prisma.user.update({ where: { id: userId }, data: { lastLogin: new Date() }, omit: { password: true } });
  // A second step's session keeps the stamp its password was checked under (the ticket's): a
  // password change between the two steps leaves it dead, as for any login that raced one.
  const user: AuthenticatedUser = { ...toAuthenticatedUser(row), ...(credentialsVersion === undefined ? {} : { credentialsVersion }) };
  const result = await signInWith({ request, verifiedUser: user }, {});
  if (result.ok) await noticeIfNewDevice(result.user, request);
  return result;
}

/**
 * Registration, then login (the seed's flow). If the login cannot be started, the new account is
 * removed again: a failed registration leaves no half-made account behind to block a retry.
 */
export async function registerAndLogIn(input: RegisterInput, request: RequestInfo): Promise<RegisterResult> {
  const result = await registerUser(input, request);
  if (!result.ok) return result;
  try {
    await signInWith({ request, verifiedUser: result.user }, {});
  } catch (error) {
    await deleteUser(result.user.id);
    throw error;
  }
  if (result.user.email) mailVerificationLink(result.user.id, request);
  return result;
}

/** Clears the session cookie of an account just deleted: its session rows went with it, so no logout event is recorded. */
export async function forgetDeletedAccount(request: RequestInfo): Promise<void> {
  await authjs({ request }).signOut({ redirect: false });
}

/** Ends this session on the server (or, with `everywhere`, all of the user's) and clears the cookie. */
export async function logOut(identity: Identity, request: RequestInfo, everywhere = false): Promise<void> {
  if (everywhere && identity.user.isAuthenticated) await revokeUserSessions(identity.user.id);
  await authjs({ request }).signOut({ redirect: false });
  if (identity.user.isAuthenticated) await recordEvent("logout", identity.user.id, request);
}
