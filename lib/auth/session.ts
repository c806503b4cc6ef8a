import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { NextRequest, NextResponse } from "next/server";
import { recordEvent, type Actor } from "@/lib/audit";
import { readCookie } from "@/lib/auth/cookies";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import type { AuthenticatedUser, Grantee } from "@/lib/auth/types";
import { Prisma } from "@prisma/client";
import { toAuthenticatedUser, USER_COLUMNS, type PublicUserRow } from "@/lib/auth/user-row";

// The one module that owns the session, as Lucia's session.ts does: the row (create, validate,
// touch, renew, revoke) and the cookie that carries it (its name and attributes, reading, setting,
// renewing, clearing). Nothing else names the cookie or writes the Session table; Auth.js writes the
// cookie only at a provider's callback, under this name with these attributes, with a token made
// here (lib/login/authjs.ts). The cookie carries a random token; the table stores only its SHA-256,
// so a leaked database row cannot be replayed as a cookie. Deleting a row logs that device out.

// `last_used` is written at most this often, so reading a session is not a write per request.
const TOUCH_INTERVAL_MS = 60_000;
// Sliding expiry: a session in use is extended to SESSION_MAX_AGE again, at most once a day.
const RENEW_INTERVAL_MS = 86_400_000;
// Expired sessions and tokens, and audit rows past AUDIT_RETENTION_DAYS, are deleted lazily, at
// most this often per process.
const PURGE_INTERVAL_MS = 3_600_000;

function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export type ActiveSession = { id: string; userId: string; user: AuthenticatedUser; expires: Date; renewed: boolean };

const maxAgeMs = () => config.SESSION_MAX_AGE * 1000;

/** __Host- makes the browser refuse the cookie unless it is Secure, Path=/ and host-only. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-vestibule.session" : "vestibule.session";
}

/** Not readable by scripts, not sent on cross-site subrequests, for the whole site. */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", path: "/", secure } as const;
}

/** The session token the request carries, or null. */
export function readSessionCookie(headers: Headers, secure: boolean): string | null {
  return readCookie(headers, sessionCookieName(secure));
}

/** The Set-Cookie value that carries a renewed session's new expiry to the browser (API responses). */
export function renewedSessionCookie(token: string, expires: Date, secure: boolean): string {
  // sessionCookieOptions as header attributes (Auth.js and Next.js serialise the object themselves).
  const attributes = [
    `Path=/`,
    `Expires=${expires.toUTCString()}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ];
  return [`${sessionCookieName(secure)}=${token}`, ...attributes].join("; ");
}

/**
 * Sliding sessions for people who only use the pages (proxy.ts): server components cannot set
 * cookies, so a page view re-sends the session cookie with a fresh expiry (no database work: the
 * server extends the session row itself, at most once a day). Only on GET, so that it never races
 * a server action that logs in or out; API responses renew in lib/api/endpoint.ts.
 */
export function refreshSessionCookie(request: NextRequest, response: NextResponse, secure: boolean): void {
  if (request.method !== "GET") return;
  const name = sessionCookieName(secure);
  const value = request.cookies.get(name)?.value;
  if (!value) return;
  response.cookies.set(name, value, { ...sessionCookieOptions(secure), maxAge: config.SESSION_MAX_AGE });
}

/** Sets the session cookie to the token of a session just created (inside a request: next/headers' cookies()). */
export async function setSessionCookie(token: string, secure: boolean): Promise<void> {
  const expires = new Date(Date.now() + maxAgeMs());
  (await cookies()).set(sessionCookieName(secure), token, { ...sessionCookieOptions(secure), expires });
}

/** Ends the session the request's cookie names and clears the cookie (inside a request). */
export async function clearSessionCookie(secure: boolean): Promise<void> {
  const store = await cookies();
  const token = store.get(sessionCookieName(secure))?.value;
  if (token) await revokeSessionByToken(token);
  store.set(sessionCookieName(secure), "", { ...sessionCookieOptions(secure), maxAge: 0 });
}

/** Creates a session row and returns the token for the cookie (shown to nobody else). */
export async function createSession(user: Grantee, userAgent: string): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const session = await prisma.session.create({
    data: {
      sessionToken: hashSessionToken(token),
      userId: user.id,
      credentialsVersion: user.credentialsVersion,
      expires: new Date(Date.now() + maxAgeMs()),
      userAgent: userAgent.slice(0, 512),
    },
    select: { id: true },
  });
  purgeExpiredOccasionally();
  return { id: session.id, token };
}

type SessionRow = PublicUserRow & { sessionId: string; expires: Date; lastUsedAt: Date };

/**
 * One indexed read (a JOIN on the token's unique index): the live session and its user; else null.
 * A session issued under an older credentials stamp (a login that raced a password change,
 * reset or deactivation) is no session.
 */
export async function findSession(token: string): Promise<ActiveSession | null> {
  if (!token || token.length > 128) return null;
  const [row] = await prisma.$queryRaw<SessionRow[]>(Prisma.sql`
    SELECT s."id" AS "sessionId", s."expires", s."lastUsedAt", ${Prisma.raw(USER_COLUMNS)}
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."sessionToken" = ${hashSessionToken(token)} AND s."credentialsVersion" = u."credentialsVersion"`);
  const now = Date.now();
  if (!row || row.expires.getTime() <= now) return null;
  const renew = row.expires.getTime() - now < maxAgeMs() - RENEW_INTERVAL_MS;
  const expires = renew ? new Date(now + maxAgeMs()) : row.expires;
  if (renew || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS)
    touchSession(row.sessionId, renew ? expires : undefined);
  return { id: row.sessionId, userId: row.id, user: toAuthenticatedUser(row), expires, renewed: renew };
}

function touchSession(id: string, expires?: Date): void {
  // Fire and forget: a lost touch only makes "last used" a minute older.
  prisma.session.updateMany({ where: { id }, data: { lastUsedAt: new Date(), expires } }).catch((error: unknown) => {
    logger.warn({ err: errorSummary(error) }, "could not touch session");
  });
}

const purge = globalThis as typeof globalThis & { vestibuleLastPurge?: number };

function purgeExpiredOccasionally(): void {
  const now = Date.now();
  if (now - (purge.vestibuleLastPurge ?? 0) < PURGE_INTERVAL_MS) return;
  purge.vestibuleLastPurge = now;
  const cutoff = new Date(now);
  const auditCutoff = new Date(now - config.AUDIT_RETENTION_DAYS * 86_400_000);
  Promise.all([
    prisma.session.deleteMany({ where: { expires: { lte: cutoff } } }),
    prisma.apiToken.deleteMany({ where: { expiresAt: { lte: cutoff } } }),
    prisma.authEvent.deleteMany({ where: { createdAt: { lt: auditCutoff } } }),
  ]).catch((error: unknown) => logger.warn({ err: errorSummary(error) }, "could not purge expired sessions"));
}

export async function revokeSession(id: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id } });
}

export async function revokeSessionByToken(token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
}

/**
 * Ends every session of the user, or every one but `exceptId`. Not awaited here, so that a
 * caller can run it in one transaction with the change that requires it.
 */
export function revokeUserSessions(userId: string, exceptId?: string) {
  return prisma.session.deleteMany({ where: { userId, ...(exceptId ? { id: { not: exceptId } } : {}) } });
}

/**
 * "Log out everywhere": every session of the user ends, and the credentials stamp goes up in the
 * same transaction, as for a password change, so a login in flight (its password checked, its
 * session not yet written, or a second step's ticket not yet used) starts a dead session, and no
 * device cookie from before is trusted. The user's API tokens are not sessions: they move to the
 * new stamp with it (a token already dead under an older stamp stays dead).
 */
export async function endEverySession(userId: string): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "ApiToken" SET "credentialsVersion" = "credentialsVersion" + 1
      WHERE "userId" = ${userId} AND "credentialsVersion" = (SELECT "credentialsVersion" FROM "User" WHERE "id" = ${userId})`,
    prisma.user.update({ where: { id: userId }, data: { credentialsVersion: { increment: 1 } } }),
    revokeUserSessions(userId),
  ]);
}

export type SessionSummary = { id: string; created: string; last_used: string; user_agent: string; current: boolean };

/** The user's live sessions (under their current credentials stamp), most recently used first. */
export async function listSessions(userId: string, currentId: string | null): Promise<SessionSummary[]> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      credentialsVersion: true,
      sessions: { where: { expires: { gt: new Date() } }, orderBy: { lastUsedAt: "desc" } },
    },
  });
  const rows = user?.sessions.filter((row) => row.credentialsVersion === user.credentialsVersion) ?? [];
  return rows.map((row) => ({
    id: row.id,
    created: row.createdAt.toISOString(),
    last_used: row.lastUsedAt.toISOString(),
    user_agent: row.userAgent,
    current: row.id === currentId,
  }));
}

/** Ends one of the user's own sessions; false when there is no such session of theirs. */
export async function revokeOwnSession(userId: string, sessionId: string, actor?: Actor): Promise<boolean> {
  const result = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  if (result.count) await recordEvent("session_revoked", userId, actor);
  return result.count > 0;
}

/**
 * Lets this session connect `provider` once, until `until` (lib/login/provider-connect.ts), when
 * the session was signed in at or after `signedInSince` (if given); false when it was not.
 */
export async function grantProviderLink(
  sessionId: string,
  provider: string,
  until: Date,
  signedInSince?: Date,
): Promise<boolean> {
  const granted = await prisma.session.updateMany({
    where: { id: sessionId, ...(signedInSince ? { createdAt: { gte: signedInSince } } : {}) },
    data: { providerLinkGrant: provider, providerLinkUntil: until },
  });
  return granted.count === 1;
}

/** Spends the session's grant to connect `provider`: true once, for a live grant of that provider. */
export async function takeProviderLinkGrant(sessionId: string, provider: string): Promise<boolean> {
  // Conditional, so that of two callbacks at once only one connects.
  const taken = await prisma.session.updateMany({
    where: { id: sessionId, providerLinkGrant: provider, providerLinkUntil: { gt: new Date() } },
    data: { providerLinkGrant: null, providerLinkUntil: null },
  });
  return taken.count === 1;
}
