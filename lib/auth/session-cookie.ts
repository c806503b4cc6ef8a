import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { readCookie } from "@/lib/auth/cookies";
import { config } from "@/lib/env";

// The session cookie, owned here: its name and attributes, reading it from a request, and the
// Set-Cookie values that renew it. Auth.js sets it at login and clears it at logout under this
// name with these attributes (lib/login/authjs.ts); nothing else names, parses or writes it.

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
