import "server-only";
import { recordEvent } from "@/lib/audit";
import { openSession } from "@/lib/login/open-session";
import { noticeIfNewDevice } from "@/lib/login/new-device";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import { clearSessionCookie, endEverySession, revokeOwnSession, setSessionCookie } from "@/lib/auth/session";
import type { AuthenticatedUser, Identity, RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { mailVerificationLink } from "@/lib/email/verification";
import { issueTicket } from "@/lib/mfa/tickets";
import { secondFactorMethods, type SecondFactorMethod } from "@/lib/mfa/status";
import { messages } from "@/lib/messages";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { verifyLogin } from "@/lib/auth/credentials";
import { toAuthenticatedUser } from "@/lib/auth/user-row";
import { deleteUser, registerUser, type RegisterResult } from "@/lib/users/register";
import type { LoginInput, RegisterInput } from "@/lib/validation";
import { openWaysInReview } from "@/lib/ways-in-review";

// The login pipeline (lib/login/), for the JSON API and the server actions alike: the password
// step (a second factor needed is a success, with its ticket), the second step and the passkey
// (lib/login/second-step.ts, lib/login/passkey-login.ts, which call the second factors of
// lib/mfa, never the reverse) all end in finishLogin. The session's row and cookie are
// lib/auth/session.ts's (the cookie through next/headers' cookies(), so this runs inside a request).

/** Logged in: the session is started and its cookie set. */
export type LoggedIn = { ok: true; user: AuthenticatedUser; sessionId: string; secondFactor: null };
/** The password was right and a second factor is needed: a success of the first step, with its ticket. */
export type SecondFactorNeeded = { ok: true; secondFactor: { ticket: string; methods: SecondFactorMethod[] } };
/** One refusal for an unknown user, a wrong password and an inactive account alike. */
export type LoginRefusal = Invalid | Throttled;
export type LoginResult = LoggedIn | SecondFactorNeeded | LoginRefusal;

export const invalidLogin = (): Invalid => invalid({ non_field_errors: [messages.invalidLogin] });

/** A new session and its cookie. */
async function startSession(user: AuthenticatedUser, request: RequestInfo): Promise<{ id: string }> {
  const session = await openSession(user, request);
  await setSessionCookie(session.token, request.secure);
  return { id: session.id };
}

/**
 * Where every completed login of the API and the pages ends (a password, a second step, a
 * passkey): the session and its cookie, then the new-device notice. A provider's callback ends in
 * openSession too, its cookie written by Auth.js (lib/login/provider-login.ts).
 */
async function finishLogin(user: AuthenticatedUser, request: RequestInfo): Promise<LoggedIn> {
  const session = await startSession(user, request);
  await noticeIfNewDevice(user, request);
  return { ok: true, user, sessionId: session.id, secondFactor: null };
}

/** Checks the credentials and, when they are right, starts a new session (or, with a second factor, issues a ticket). */
export async function logIn(input: LoginInput, request: RequestInfo): Promise<LoginResult> {
  const outcome = await verifyLogin(input, request);
  if (!outcome.ok) return outcome.reason === "throttled" ? throttled(outcome.retryAfter) : invalidLogin();
  // Password right, second factor pending: a ticket, never a session (lib/mfa/tickets.ts). The
  // ticket keeps the credentials stamp the password was checked under, for the session it becomes.
  if (outcome.secondFactor) {
    return {
      ok: true,
      secondFactor: { ticket: await issueTicket(outcome.user), methods: await secondFactorMethods(outcome.user.id) },
    };
  }
  return finishLogin(outcome.user, request);
}

/** Starts a session for a user whose login was proven another way: a second factor, a passkey. */
export async function logInVerifiedUser(
  userId: string,
  request: RequestInfo,
  credentialsVersion?: number,
): Promise<LoggedIn> {
  const row = await prisma.user.update({
    where: { id: userId },
    data: { lastLogin: new Date() },
    omit: { password: true },
  });
  // A second step's session keeps the stamp its password was checked under (the ticket's): a
  // password change between the two steps leaves it dead, as for any login that raced one.
  const user: AuthenticatedUser = {
    ...toAuthenticatedUser(row),
    ...(credentialsVersion === undefined ? {} : { credentialsVersion }),
  };
  return finishLogin(user, request);
}

/**
 * Registration, then login (the seed's flow). If the login cannot be started, the new account is
 * removed again: a failed registration leaves no half-made account behind to block a retry.
 */
export async function registerAndLogIn(input: RegisterInput, request: RequestInfo): Promise<RegisterResult> {
  const result = await registerUser(input, request);
  if (!result.ok) return result;
  try {
    await startSession(result.user, request);
  } catch (error) {
    await deleteUser(result.user.id);
    throw error;
  }
  if (result.user.email) mailVerificationLink(result.user.id, request);
  return result;
}

/** Clears the session cookie of an account just deleted: its session rows went with it, so no logout event is recorded. */
export async function forgetDeletedAccount(request: RequestInfo): Promise<void> {
  await clearSessionCookie(request.secure);
}

/** Ends this session on the server (or, with `everywhere`, all of the user's) and clears the cookie. */
export async function logOut(identity: Identity, request: RequestInfo, everywhere = false): Promise<void> {
  // Every session ends (the credentials stamp goes up with it), and the ways in that outlive
  // sessions are offered for review (lib/ways-in-review.ts).
  if (everywhere && identity.user.isAuthenticated) {
    await endEverySession(identity.user.id);
    await openWaysInReview(identity.user.id);
  }
  await clearSessionCookie(request.secure);
  if (identity.user.isAuthenticated) await recordEvent("logout", identity.user.id, request);
}

/**
 * Ends one of the caller's own sessions (DELETE /api/sessions/{id}, the account page's list).
 * Ending the session this request came with is logging out: the cookie goes too.
 */
export async function endOwnSession(
  caller: AuthenticatedIdentity,
  sessionId: string,
  request: RequestInfo,
): Promise<"logged-out" | "revoked" | "not-found"> {
  if (caller.auth.scheme === "session" && caller.auth.sessionId === sessionId) {
    await logOut(caller, request);
    return "logged-out";
  }
  return (await revokeOwnSession(caller.user.id, sessionId, request)) ? "revoked" : "not-found";
}
