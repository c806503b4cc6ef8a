import "server-only";
import { recordEvent } from "@/lib/audit";
import { readCookie } from "@/lib/auth/cookies";
import { currentRequestInfo } from "@/lib/auth/current";
import { openSession } from "@/lib/login/open-session";
import { noticeIfNewDevice } from "@/lib/login/new-device";
import { safeNextPath } from "@/lib/auth/next-path";
import { spendProviderLink } from "@/lib/login/provider-connect";
import { findSession, readSessionCookie } from "@/lib/auth/session";
import type { RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { recordAndNotify } from "@/lib/email/notices";
import { config } from "@/lib/env";
import { setTicketCookie } from "@/lib/mfa/ticket-cookie";
import { issueTicket } from "@/lib/mfa/tickets";
import { hasSecondFactor } from "@/lib/mfa/status";
import { toAuthenticatedUser } from "@/lib/auth/user-row";

// Our side of a sign-in through another provider, called from Auth.js's callbacks
// (lib/login/authjs.ts) while it handles /api/auth/callback/<id>: who may pass, and the session it
// ends in, which is the same revocable session row a password login makes (openSession).

/** The live session this browser already has, if any: a provider's callback then connects, not signs in. */
async function currentSession(request: RequestInfo) {
  const token = readSessionCookie(request.headers, request.secure);
  const session = token ? await findSession(token) : null;
  return session && token ? { token, id: session.id, userId: session.userId } : null;
}

/** Where a callback reached while signed in, with no connection confirmed by the password, is sent. */
const UNCONFIRMED_CONNECTION = "/account?connection=unconfirmed#connections";

/**
 * The `next` the sign-in started with (Auth.js keeps its redirectTo, made absolute, in its
 * callback-url cookie), for the second step to carry on: its path only, and only a safe one.
 */
function startedFrom(request: RequestInfo): string {
  const stored = readCookie(request.headers, `${request.secure ? "__Secure-" : ""}authjs.callback-url`);
  if (!stored || !URL.canParse(stored, "http://vestibule.invalid")) return "/";
  const url = new URL(stored, "http://vestibule.invalid");
  return safeNextPath(url.pathname + url.search);
}

/**
 * Auth.js's signIn callback: true lets the sign-in go on, false refuses it (a deactivated
 * account), a path sends the browser there instead: to /login/mfa with a ticket, for a user with
 * a second factor, as after a right password. `userId` is ours only for a known provider identity.
 */
export async function admitProviderSignIn(userId: string | undefined, provider: string): Promise<boolean | string> {
  const request = await currentRequestInfo();
  // Signed in already: connecting this identity to the account (Auth.js refuses one linked
  // elsewhere), only when this session confirmed it with the password (lib/login/provider-connect.ts).
  const current = await currentSession(request);
  if (current) return (await spendProviderLink(current.id, provider)) ? true : UNCONFIRMED_CONNECTION;
  const row = userId
    ? await prisma.user.findUnique({
        where: { id: userId },
        select: { id: true, isActive: true, credentialsVersion: true },
      })
    : null;
  if (!row) return true;
  if (!row.isActive) return false;
  if (provider === "oidc" && config.AUTH_OIDC_TRUSTED_MFA) return true;
  if (!(await hasSecondFactor(row.id))) return true;
  await setTicketCookie(await issueTicket(row), request.secure);
  const next = startedFrom(request);
  return next === "/" ? "/login/mfa" : `/login/mfa?next=${encodeURIComponent(next)}`;
}

/** Auth.js's jwt callback at sign-in: the token of the session the cookie will carry. */
export async function providerSessionToken(userId: string): Promise<string> {
  const request = await currentRequestInfo();
  const current = await currentSession(request);
  // Connecting a provider keeps the session it was done in.
  if (current?.userId === userId) return current.token;
  const row = await prisma.user.update({
    where: { id: userId },
    data: { lastLogin: new Date() },
    omit: { password: true },
  });
  const user = toAuthenticatedUser(row);
  const session = await openSession(user, request);
  await noticeIfNewDevice(user, request);
  return session.token;
}

/** Auth.js's createUser event: a new user goes into the audit trail like any other. */
export async function recordProviderSignUp(userId: string): Promise<void> {
  await recordEvent("register", userId, await currentRequestInfo());
}

/**
 * Auth.js's linkAccount event. Connected to a signed-in account, the owner is told by mail, as of a
 * new passkey; linked to an account just signed up, it is only recorded.
 */
export async function recordProviderLink(userId: string): Promise<void> {
  const request = await currentRequestInfo();
  const current = await currentSession(request);
  if (current?.userId === userId) await recordAndNotify("provider_connected", userId, request);
  else await recordEvent("provider_connected", userId, request);
}
