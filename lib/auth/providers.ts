import type { Provider } from "next-auth/providers";
import GitHub, { type GitHubProfile } from "next-auth/providers/github";
import Google, { type GoogleProfile } from "next-auth/providers/google";
import type { Config } from "@/lib/env";

// The other providers a person may sign in with, from the environment (lib/env.ts): a generic
// OpenID Connect provider (found by discovery at its issuer) and Auth.js's GitHub and Google
// presets. None is configured by default. Each one's profile becomes the fields our adapter
// (lib/login/provider-adapter.ts) needs to sign up a new user: a username to start from, and
// whether the provider itself vouches for the e-mail address.

export type ProviderId = "oidc" | "github" | "google";
export type ProviderSummary = { id: ProviderId; name: string };

type ProviderSettings = Pick<
  Config,
  | "AUTH_OIDC_ISSUER"
  | "AUTH_OIDC_ID"
  | "AUTH_OIDC_SECRET"
  | "AUTH_OIDC_NAME"
  | "AUTH_GITHUB_ID"
  | "AUTH_GITHUB_SECRET"
  | "AUTH_GOOGLE_ID"
  | "AUTH_GOOGLE_SECRET"
>;

declare module "next-auth" {
  interface User {
    /** The provider's name for the person (preferred_username, GitHub's login), to derive ours from. */
    username?: string;
    /** True only when the provider says it verified the e-mail address (OIDC's email_verified). */
    providerEmailVerified?: boolean;
  }
}

type OidcClaims = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
  nickname?: string;
};

/** The OpenID Connect provider: discovery at the issuer; PKCE, state and nonce all checked (core's default is PKCE alone). */
function openIdConnect(settings: ProviderSettings): Provider {
  return {
    id: "oidc",
    name: settings.AUTH_OIDC_NAME,
    type: "oidc",
    issuer: settings.AUTH_OIDC_ISSUER,
    clientId: settings.AUTH_OIDC_ID,
    clientSecret: settings.AUTH_OIDC_SECRET,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid profile email" } },
    // The profile from the userinfo endpoint (checked to be the ID token's subject; the ID token
    // and its nonce are still verified): many providers keep e-mail and name out of the ID token.
    idToken: false,
    profile(claims: OidcClaims) {
      return {
        id: claims.sub,
        name: claims.name ?? null,
        email: claims.email ?? null,
        username: claims.preferred_username ?? claims.nickname,
        providerEmailVerified: claims.email_verified === true,
      };
    },
  };
}

/** Provider entries for Auth.js, in the order the login page shows them. */
export function authjsProviders(settings: ProviderSettings): Provider[] {
  const providers: Provider[] = [];
  if (settings.AUTH_OIDC_ISSUER && settings.AUTH_OIDC_ID && settings.AUTH_OIDC_SECRET)
    providers.push(openIdConnect(settings));
  if (settings.AUTH_GITHUB_ID && settings.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: settings.AUTH_GITHUB_ID,
        clientSecret: settings.AUTH_GITHUB_SECRET,
        // GitHub's profile says nothing about whether its e-mail address was verified: we do not assume it.
        profile: (profile: GitHubProfile) => ({
          id: String(profile.id),
          name: profile.name ?? profile.login,
          email: profile.email,
          username: profile.login,
          providerEmailVerified: false,
        }),
      }),
    );
  }
  if (settings.AUTH_GOOGLE_ID && settings.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({
        clientId: settings.AUTH_GOOGLE_ID,
        clientSecret: settings.AUTH_GOOGLE_SECRET,
        checks: ["pkce", "state", "nonce"],
        authorization: { params: { scope: "openid profile email" } },
        profile: (profile: GoogleProfile) => ({
          id: profile.sub,
          name: profile.name,
          email: profile.email,
          username: profile.email?.split("@")[0],
          providerEmailVerified: profile.email_verified === true,
        }),
      }),
    );
  }
  return providers;
}

/** What the login page offers and GET /api/providers lists. */
export function providerSummaries(settings: ProviderSettings): ProviderSummary[] {
  return authjsProviders(settings).map((provider) => {
    const { id, name } = typeof provider === "function" ? provider() : provider;
    return { id: id as ProviderId, name };
  });
}

/**
 * Origins a sign-in form may be redirected to (the page's CSP form-action: browsers apply it to the
 * redirect after a form post). The OpenID Connect provider's authorization endpoint is taken to be
 * on its issuer's origin, as it is for the common ones.
 */
export function providerFormOrigins(settings: ProviderSettings): string[] {
  return providerSummaries(settings).map(({ id }) => {
    if (id === "github") return "https://github.com";
    if (id === "google") return "https://accounts.google.com";
    return new URL(settings.AUTH_OIDC_ISSUER as string).origin;
  });
}
