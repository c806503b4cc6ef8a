import "server-only";
import { Auth } from "@auth/core";
import NextAuth, { type NextAuthConfig } from "next-auth";
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
import { findSession, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session";

// What Auth.js does for us, and nothing more: sign-in with other providers. The session, its row
// and its cookie are lib/auth/session.ts's; logins with a password, a second step or a passkey set
// the cookie there, never through Auth.js. At a provider's callback Auth.js writes the cookie, under
// that module's name and attributes, and its "JWT" is an opaque random token naming a row of the
// Session table: `encode` returns the token our callback made, `decode` looks the row up. So every
// session can be revoked on the server, and a copied cookie is worthless after logout. Of Auth.js's
// own HTTP routes only the providers' callbacks are mounted (app/api/auth/[...nextauth]/route.ts).
//
// The providers (lib/auth/providers.ts) go through Auth.js for real: its sign-in (started by a
// server action, so its CSRF check is Next's Origin check), its callback with the PKCE, state and
// nonce checks, and the adapter (lib/login/provider-adapter.ts) that finds, links or signs up the
// user. Our callbacks (lib/login/provider-login.ts) decide who passes and make the session row.
//
// The configuration is built once per cookie flavour: the cookie's name depends on whether the
// request came over https (the __Host- prefix needs Secure), and Auth.js takes it from the config.

const EXPECTED_REFUSALS = new Set(["OAuthAccountNotLinked", "AccessDenied"]);

function authConfig(secure: boolean): NextAuthConfig {
  return {
    adapter: providerAdapter(),
    secret: config.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_AGE },
    cookies: { sessionToken: { name: sessionCookieName(secure), options: sessionCookieOptions(secure) } },
    providers: authjsProviders(config),
    // Errors (a matching e-mail address: OAuthAccountNotLinked) come back to the login page as ?error=.
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      async signIn({ user, account }) {
        if (!account) return true;
        return admitProviderSignIn(user.id, account.provider);
      },
      async jwt({ token, user, trigger }) {
        if ((trigger !== "signIn" && trigger !== "signUp") || !user?.id) return token;
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
    },
    logger: {
      // A provider sign-in refused for a matching e-mail address or a deactivated account is an
      // expected outcome (the login page says so), not an error.
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
