import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { createSession, findSession, revokeSession } from "@/lib/auth/sessions";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { verifyLogin, type LoginOutcome } from "@/lib/users/credentials";
import { hasSecondFactor } from "@/lib/mfa/status";

// Auth.js signs people in through its Credentials provider. Its "JWT" is an opaque random token
// naming a row of the Session table (Auth.js will not use database sessions with credentials):
// `encode` returns the token, `decode` looks the row up, signing out deletes the row. So every
// session can be revoked on the server, and a copied cookie is worthless after logout.
//
// The configuration is built per call, around a SignInContext that carries the request's client
// information in and the outcome out. Auth.js's own HTTP routes are not mounted: sign-in happens
// only through lib/auth/login.ts, behind our validation, CSRF rule and throttling.

// Auth.js builds the URL of its internal sign-in request from X-Forwarded-Host/-Proto unless
// AUTH_URL is set; a client's own forwarded headers (believed by nothing else here unless
// TRUST_PROXY says so) would make that URL invalid and every login a 500. Our configured origin
// is what Auth.js should use. (next-auth reads AUTH_URL from process.env at each call.)
process.env.AUTH_URL = config.APP_URL;

export type SignInContext = {
  request: RequestInfo;
  /** Set by registration: the account was just created, there is no password to check again. */
  verifiedUser?: AuthenticatedUser;
  outcome?: LoginOutcome;
  /** The password was right but the user has a second factor: no session yet (lib/mfa). */
  secondFactorPending?: AuthenticatedUser;
  /** What authorize threw (an outage, a full hashing queue), for the caller to rethrow as it was. */
  failure?: unknown;
  session?: { id: string; token: string };
};

function authConfig(context: SignInContext): NextAuthConfig {
  const secure = context.request.secure;
  return {
    adapter: PrismaAdapter(prisma),
    secret: config.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_AGE },
    cookies: {
      sessionToken: { name: sessionCookieName(secure), options: sessionCookieOptions(secure) },
    },
    providers: [
      Credentials({
        credentials: { username: {}, password: {} },
        async authorize(credentials) {
          try {
            context.outcome = context.verifiedUser
              ? { ok: true, user: context.verifiedUser }
              : await verifyLogin({ username: String(credentials.username ?? ""), password: String(credentials.password ?? "") }, context.request);
            if (!context.outcome.ok) return null;
            if (!context.verifiedUser && (await hasSecondFactor(context.outcome.user.id))) {
              context.secondFactorPending = context.outcome.user;
              return null;
            }
          } catch (error) {
            // Auth.js would wrap it in its own error; the edge needs the original (503, not 500).
            context.failure = error;
            throw error;
          }
          return { id: context.outcome.user.id };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (trigger !== "signIn" || !user?.id || !context.outcome?.ok) return token;
        // The outcome's user carries the credentials stamp read with the password hash it checked.
        context.session = await createSession(context.outcome.user, context.request.headers.get("user-agent") ?? "");
        return { sub: user.id, sid: context.session.id, key: context.session.token };
      },
    },
    jwt: {
      async encode({ token }) {
        return typeof token?.key === "string" ? token.key : "";
      },
      async decode({ token }) {
        const session = token ? await findSession(token) : null;
        return session ? { sub: session.userId, sid: session.id } : null;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await revokeSession(sid);
      },
    },
    logger: {
      // A failed sign-in is an expected outcome, reported by our own audit trail, not an error.
      error(error) {
        if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
        logger.error({ err: errorSummary(error) }, "auth.js error");
      },
      warn(code) {
        logger.warn({ code }, "auth.js warning");
      },
      debug() {},
    },
  };
}

export function authjs(context: SignInContext) {
  return NextAuth(authConfig(context));
}
