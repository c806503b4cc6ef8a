import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { findSession, revokeSession, sessionOwner } from "@/lib/auth/sessions";

// What Auth.js does for us, and nothing more: it writes the session cookie at login and clears it
// at logout. Everything before that seam is ours (lib/auth/login.ts): validation, the throttle,
// the password and second-factor checks, the CSRF rule, the session row. Its "JWT" is an opaque
// random token naming a row of the Session table (Auth.js will not use database sessions with
// credentials): `encode` returns the token, `decode` looks the row up, signing out deletes the
// row. So every session can be revoked on the server, and a copied cookie is worthless after logout.
//
// The Credentials provider's credential is the token of a session lib/auth/login.ts has just
// created: `authorize` checks it names a session row, and the token becomes the cookie. It proves
// nothing its bearer could not already do with the token as a cookie. Auth.js's own HTTP routes
// are not mounted; when they are (for OAuth providers), its CSRF check guards this callback too.
//
// The configuration is built once per cookie flavour: the cookie's name depends on whether the
// request came over https (the __Host- prefix needs Secure), and Auth.js takes it from the config.

declare module "next-auth" {
  interface User {
    /** The new session's token, from `authorize` to the `jwt` callback. */
    sessionToken?: string;
  }
}

function authConfig(secure: boolean): NextAuthConfig {
  return {
    adapter: PrismaAdapter(prisma),
    secret: config.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_AGE },
    cookies: { sessionToken: { name: sessionCookieName(secure), options: sessionCookieOptions(secure) } },
    providers: [
      Credentials({
        credentials: { session: {} },
        async authorize({ session: token }) {
          if (typeof token !== "string") return null;
          const userId = await sessionOwner(token);
          return userId ? { id: userId, sessionToken: token } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        // Only our Credentials sign-in carries a session token. A provider sign-in (OAuth, once
        // Auth.js's routes are mounted) must create its row through lib/auth/sessions.ts here too.
        if (trigger !== "signIn" || !user?.id || !user.sessionToken) return token;
        return { sub: user.id, key: user.sessionToken };
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
      // A refused credential is an expected outcome, reported by our own audit trail, not an error.
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

type AuthJs = ReturnType<typeof NextAuth>;
const instances: Partial<Record<"secure" | "plain", AuthJs>> = {};

/** Built on first use, not on import: `next build` loads this module without the secret. */
function authjs(secure: boolean): AuthJs {
  const flavour = secure ? "secure" : "plain";
  instances[flavour] ??= NextAuth(authConfig(secure));
  return instances[flavour];
}

/** Sets the session cookie to the token of a session just created (inside a request: next/headers' cookies()). */
export async function setSessionCookie(token: string, secure: boolean): Promise<void> {
  try {
    await authjs(secure).signIn("credentials", { session: token, redirect: false, redirectTo: "/" });
  } catch (error) {
    // The row was deleted in the instant since it was made (a deactivation or password change
    // racing this login): that session is over already, and its cookie would name nothing.
    if (!(error instanceof CredentialsSignin)) throw error;
  }
}

/** Ends the session the request's cookie names (events.signOut) and clears the cookie. */
export async function clearSessionCookie(secure: boolean): Promise<void> {
  await authjs(secure).signOut({ redirect: false });
}
