import "server-only";
import { Auth } from "@auth/core";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { providerAdapter } from "@/lib/login/provider-adapter";
import {
  admitProviderSignIn,
  providerSessionToken,
  recordProviderLink,
  recordProviderSignUp,
} from "@/lib/login/provider-login";
import { authjsProviders } from "@/lib/auth/providers";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { findSession, revokeSession, sessionOwner } from "@/lib/auth/sessions";

// What Auth.js does for us, and nothing more: it writes the session cookie at login and clears it
// at logout. Everything before that seam is ours (lib/login/login.ts): validation, the throttle,
// the password and second-factor checks, the CSRF rule, the session row. Its "JWT" is an opaque
// random token naming a row of the Session table (Auth.js will not use database sessions with
// credentials): `encode` returns the token, `decode` looks the row up, signing out deletes the
// row. So every session can be revoked on the server, and a copied cookie is worthless after logout.
//
// The Credentials provider's credential is the token of a session lib/login/login.ts has just
// created: `authorize` checks it names a session row, and the token becomes the cookie. It proves
// nothing its bearer could not already do with the token as a cookie. Of Auth.js's own HTTP routes
// only the providers' callbacks are mounted (app/api/auth/[...nextauth]/route.ts); this one is not.
//
// Other providers (lib/auth/providers.ts) go through Auth.js for real: its sign-in (started by a
// server action, so its CSRF check is Next's Origin check), its callback with the PKCE, state and
// nonce checks, and the adapter (lib/login/provider-adapter.ts) that finds, links or signs up the
// user. Our callbacks (lib/login/provider-login.ts) decide who passes and make the session row.
//
// The configuration is built once per cookie flavour: the cookie's name depends on whether the
// request came over https (the __Host- prefix needs Secure), and Auth.js takes it from the config.

declare module "next-auth" {
  interface User {
    /** The new session's token, from `authorize` to the `jwt` callback. */
    sessionToken?: string;
  }
}

const EXPECTED_REFUSALS = new Set(["CredentialsSignin", "OAuthAccountNotLinked", "AccessDenied"]);

function authConfig(secure: boolean): NextAuthConfig {
  return {
    adapter: providerAdapter(),
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
      ...authjsProviders(config),
    ],
    // Errors (a matching e-mail address: OAuthAccountNotLinked) come back to the login page as ?error=.
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.type === "credentials") return true;
        return admitProviderSignIn(user.id, account.provider);
      },
      async jwt({ token, user, account, trigger }) {
        if ((trigger !== "signIn" && trigger !== "signUp") || !user?.id) return token;
        if (account?.type === "credentials")
          return user.sessionToken ? { sub: user.id, key: user.sessionToken } : token;
        return { sub: user.id, key: await providerSessionToken(user.id) };
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
      async createUser({ user }) {
        if (user.id) await recordProviderSignUp(user.id);
      },
      async linkAccount({ user }) {
        if (user.id) await recordProviderLink(user.id);
      },
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await revokeSession(sid);
      },
    },
    logger: {
      // A refused credential, or a provider sign-in refused for a matching e-mail address or a
      // deactivated account, is an expected outcome (the login page says so), not an error.
      error(error) {
        if (EXPECTED_REFUSALS.has(error.name) || EXPECTED_REFUSALS.has((error as { type?: string }).type ?? "")) return;
        // Auth.js wraps what went wrong (a provider's bad answer, a failed check) in `cause.err`.
        const cause = (error as { cause?: { err?: unknown } }).cause?.err;
        logger.error({ err: errorSummary(error), ...(cause ? { cause: errorSummary(cause) } : {}) }, "auth.js error");
      },
      warn(code) {
        logger.warn({ code }, "auth.js warning");
      },
      debug() {},
    },
  };
}

type AuthJs = { config: NextAuthConfig; nextAuth: ReturnType<typeof NextAuth> };
const instances: Partial<Record<"secure" | "plain", AuthJs>> = {};

/** Built on first use, not on import: `next build` loads this module without the secret. */
function built(secure: boolean): AuthJs {
  const flavour = secure ? "secure" : "plain";
  if (!instances[flavour]) {
    const authConfigFor = authConfig(secure);
    // NextAuth fills in its defaults (basePath /api/auth among them) on this same object.
    instances[flavour] = { nextAuth: NextAuth(authConfigFor), config: authConfigFor };
  }
  return instances[flavour];
}

const authjs = (secure: boolean) => built(secure).nextAuth;

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

/** Starts a sign-in with another provider: throws Next's redirect to it (inside a server action). */
export async function signInWithProvider(provider: string, redirectTo: string, secure: boolean): Promise<never> {
  await authjs(secure).signIn(provider, { redirectTo });
  throw new Error(`Auth.js did not redirect to ${provider}.`);
}

/**
 * Auth.js's HTTP handling, for the providers' callbacks, given a plain Request on APP_URL's
 * origin. Not next-auth's `handlers`: they rebuild the request as a NextRequest, whose URL
 * Next.js rewrites from 127.0.0.1 to "localhost", and a token request must repeat the
 * redirect_uri of the authorization request exactly (an APP_URL of http://127.0.0.1:<port> failed).
 */
export function handleAuthjsRequest(request: Request, secure: boolean): Promise<Response> {
  return Auth(request, built(secure).config);
}

/** Ends the session the request's cookie names (events.signOut) and clears the cookie. */
export async function clearSessionCookie(secure: boolean): Promise<void> {
  await authjs(secure).signOut({ redirect: false });
}
