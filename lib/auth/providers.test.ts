import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "@/lib/env";
import { authjsProviders, providerFormOrigins, providerSummaries } from "@/lib/auth/providers";

// The presets are tested as configuration (the URLs and scopes they send people to), not
// against GitHub and Google themselves; the OpenID Connect provider runs for real in the
// HTTP and browser tests.

type Resolved = {
  id: string;
  type: string;
  issuer?: string;
  checks?: string[];
  idToken?: boolean;
  authorization?: string | { url?: string; params?: { scope?: string } };
  token?: string | { url?: string };
};

/** A provider entry as Auth.js reads it: the preset, with the options given on top. */
function resolved(env: Record<string, string>): Resolved[] {
  return authjsProviders(loadConfig(env)).map((entry) => {
    const provider = (typeof entry === "function" ? entry() : entry) as Resolved & { options?: Partial<Resolved> };
    return { ...provider, ...provider.options };
  });
}

const ALL = {
  AUTH_OIDC_ISSUER: "https://id.example.com/realms/main",
  AUTH_OIDC_ID: "app",
  AUTH_OIDC_SECRET: "s",
  AUTH_GITHUB_ID: "gh",
  AUTH_GITHUB_SECRET: "s",
  AUTH_GOOGLE_ID: "g",
  AUTH_GOOGLE_SECRET: "s",
};

describe("providers from the environment", () => {
  it("offers none by default", () => {
    assert.deepEqual(providerSummaries(loadConfig({})), []);
  });

  it("offers each configured provider under its callback id, the OpenID Connect one under AUTH_OIDC_NAME", () => {
    assert.deepEqual(providerSummaries(loadConfig({ ...ALL, AUTH_OIDC_NAME: "Company login" })), [
      { id: "oidc", name: "Company login" },
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
    ]);
  });

  it("refuses half a provider's settings, naming what is missing", () => {
    assert.throws(() => loadConfig({ AUTH_GITHUB_ID: "gh" }), /AUTH_GITHUB_SECRET: required with AUTH_GITHUB_ID/);
    assert.throws(() => loadConfig({ AUTH_OIDC_ID: "app", AUTH_OIDC_SECRET: "s" }), /AUTH_OIDC_ISSUER: required/);
    assert.throws(() => loadConfig({ ...ALL, AUTH_OIDC_TRUSTED_MFA: "maybe" }), /AUTH_OIDC_TRUSTED_MFA/);
  });

  it("trusts no provider's second factor unless told to", () => {
    assert.equal(loadConfig({}).AUTH_OIDC_TRUSTED_MFA, false);
    assert.equal(loadConfig({ AUTH_OIDC_TRUSTED_MFA: "true" }).AUTH_OIDC_TRUSTED_MFA, true);
  });

  it("checks PKCE, state and nonce with the OpenID Connect provider, found by discovery at its issuer", () => {
    const [oidc] = resolved(ALL);
    assert.equal(oidc.type, "oidc");
    assert.equal(oidc.issuer, "https://id.example.com/realms/main");
    assert.deepEqual(oidc.checks, ["pkce", "state", "nonce"]);
    assert.equal(typeof oidc.authorization === "object" && oidc.authorization.params?.scope, "openid profile email");
  });

  it("sends people to GitHub's authorization page, asking only to read the profile and e-mail addresses", () => {
    const github = resolved(ALL).find((provider) => provider.id === "github");
    assert.equal(github?.type, "oauth");
    assert.deepEqual(github?.authorization, {
      url: "https://github.com/login/oauth/authorize",
      params: { scope: "read:user user:email" },
    });
    assert.equal(github?.token, "https://github.com/login/oauth/access_token");
  });

  it("uses Google as an OpenID Connect provider at accounts.google.com, with PKCE, state and nonce", () => {
    const google = resolved(ALL).find((provider) => provider.id === "google");
    assert.equal(google?.type, "oidc");
    assert.equal(google?.issuer, "https://accounts.google.com");
    assert.deepEqual(google?.checks, ["pkce", "state", "nonce"]);
    assert.equal(
      typeof google?.authorization === "object" && google.authorization.params?.scope,
      "openid profile email",
    );
  });

  it("lets the login form be redirected to the configured providers only (CSP form-action)", () => {
    assert.deepEqual(providerFormOrigins(loadConfig({})), []);
    assert.deepEqual(providerFormOrigins(loadConfig(ALL)), [
      "https://id.example.com",
      "https://github.com",
      "https://accounts.google.com",
    ]);
  });
});
