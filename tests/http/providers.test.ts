import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, type UserJson } from "../support/accounts";
import { withDb } from "../support/db";
import { client, type Client } from "../support/client";
import { enableTotp } from "../support/mfa";
import { startTestIdp, type TestIdp } from "../support/oidc-idp";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

// Signing in with another provider over plain HTTP, against a real OpenID Connect provider on
// 127.0.0.1 (tests/support/oidc-idp.mjs): the login page's form post, the provider's own login
// and consent forms, and the callback, each request as a browser would send it.

let idp: TestIdp;
let server: TestServer;

before(async () => {
  idp = await startTestIdp();
  server = await startServer({ THROTTLE_REGISTER: "1000/h", ...idp.appEnv() });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
  await idp?.stop();
});

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * The login page's "Continue with" form, posted as a browser without JavaScript would (a server
 * action: multipart, with the page's hidden fields): the redirect to the provider.
 */
async function startProviderSignIn(browser: Client, app: TestServer = server, from = "/login"): Promise<string> {
  const page = await browser.get(from);
  const form =
    /<form[^>]*>(?:(?!<\/form>).)*name="provider" value="oidc"(?:(?!<\/form>).)*<\/form>/s.exec(page.text)?.[0] ?? "";
  const body = new FormData();
  for (const [, attributes] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(attributes)?.[1];
    if (name) body.append(name, /value="([^"]*)"/.exec(attributes)?.[1] ?? "");
  }
  assert.equal(body.get("provider"), "oidc", form || page.text.slice(0, 500));
  const session = browser.cookie();
  const response = await fetch(`${app.url}/login`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: app.url, ...(session ? { cookie: `vestibule.session=${session}` } : {}) },
  });
  const text = await response.text();
  assert.equal(response.status, 303, text.slice(0, 300));
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    if (pair.slice(at + 1)) browser.setCookie(pair.slice(0, at), pair.slice(at + 1));
  }
  const location = response.headers.get("location") ?? "";
  assert.ok(location.startsWith(`${idp.issuer}/auth?`), location);
  return location;
}

/** The provider's pages: its login form (any name), its consent form; the URL it sends the browser back to. */
async function throughProvider(location: string, login: string, app: TestServer = server): Promise<string> {
  const atIdp = client(idp.issuer);
  let url = location;
  for (let step = 0; step < 12 && !url.startsWith(app.url); step++) {
    const response = await atIdp.get(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location") ?? "", url).href;
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(response.text)?.[1] ?? "";
    const body = response.text.includes('name="login"')
      ? `prompt=login&login=${encodeURIComponent(login)}&password=anything`
      : "prompt=consent";
    const posted = await atIdp.post(new URL(action, url).href, body, { headers: FORM });
    url = new URL(posted.headers.get("location") ?? "", url).href;
  }
  assert.ok(url.startsWith(`${app.url}/api/auth/callback/oidc?`), url);
  return url;
}

/** The whole sign-in; the callback's redirect (where the app sends the browser). */
async function signInWithProvider(browser: Client, login: string, app: TestServer = server): Promise<string> {
  const callback = await throughProvider(await startProviderSignIn(browser, app), login, app);
  const response = await browser.get(callback);
  assert.equal(response.status, 302, response.text.slice(0, 300));
  // Auth.js writes this answer, past our endpoint wrapper, and it sets the session cookie.
  assert.equal(response.headers.get("cache-control"), "no-store", "the callback's redirect may be cached");
  return response.headers.get("location") ?? "";
}

type Connection = { id: string; provider: string; created: string };

describe("the providers on offer", () => {
  it("lists the configured provider", async () => {
    const response = await client(server.url).get("/api/providers");
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, [{ id: "oidc", name: "Test IdP" }]);
  });

  it("mounts none of Auth.js's other routes: the password login stays POST /api/login", async () => {
    const anyone = client(server.url);
    for (const [method, path] of [
      ["POST", "/api/auth/callback/credentials"],
      ["POST", "/api/auth/signin/oidc"],
      ["GET", "/api/auth/signin"],
      ["GET", "/api/auth/csrf"],
      ["GET", "/api/auth/session"],
      ["GET", "/api/auth/callback/github"],
    ]) {
      const response = await anyone.request(method, path, method === "POST" ? "session=x" : undefined, {
        headers: FORM,
      });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.deepEqual(response.json, { detail: "Not found." });
    }
  });
});

describe("signing in with the provider", () => {
  it("signs a new person up, with the provider's verified address and a session of ours", async () => {
    const browser = client(server.url);
    const login = `erin${unique()}`;
    assert.equal(await signInWithProvider(browser, login), `${server.url}/`);
    const me = await browser.get("/api/me");
    assert.equal(me.status, 200);
    assert.deepEqual(
      { ...(me.json as UserJson) },
      { ...(me.json as UserJson), username: login, email: `${login}@idp.example`, email_verified: true },
    );
    const sessions = (await browser.get("/api/sessions")).json as Array<{ current: boolean }>;
    assert.deepEqual(
      sessions.map((session) => session.current),
      [true],
    );
    const connections = (await browser.get("/api/connections")).json as Connection[];
    assert.deepEqual(
      connections.map((connection) => connection.provider),
      ["oidc"],
    );
    assert.ok(!Number.isNaN(Date.parse(connections[0].created)));
    const events = ((await browser.get("/api/events")).json as Array<{ event: string }>).map((event) => event.event);
    for (const event of ["register", "provider_connected", "login"]) assert.ok(events.includes(event), event);

    // The same identity again: the same account.
    const again = client(server.url);
    assert.equal(await signInWithProvider(again, login), `${server.url}/`);
    assert.equal(((await again.get("/api/me")).json as UserJson).id, (me.json as UserJson).id);
  });

  it("leaves the address unverified when the provider does not vouch for it", async () => {
    const browser = client(server.url);
    await signInWithProvider(browser, `unverified${unique()}`);
    assert.equal(((await browser.get("/api/me")).json as UserJson).email_verified, false);
  });

  it("picks a free username when the provider's is taken", async () => {
    const owner = client(server.url);
    const { username } = await registerAccount(owner);
    const browser = client(server.url);
    await signInWithProvider(browser, username);
    assert.equal(((await browser.get("/api/me")).json as UserJson).username, `${username}2`);
  });

  it("gives a provider-only account no password that a login or basic auth would take", async () => {
    const browser = client(server.url);
    const login = `frank${unique()}`;
    await signInWithProvider(browser, login);
    for (const password of ["!", "anything"])
      assert.equal((await logIn(client(server.url), login, password)).status, 400);
    const basic = await client(server.url).get("/api/me", {
      headers: { authorization: `Basic ${Buffer.from(`${login}:anything`).toString("base64")}` },
    });
    assert.equal(basic.status, 401);
  });

  it("refuses an identity whose e-mail address is an existing account's, and joins nothing", async () => {
    const owner = client(server.url);
    const email = `grace${unique()}@example.com`;
    await registerAccount(owner, { email });
    const browser = client(server.url);
    assert.equal(
      await signInWithProvider(browser, email.toUpperCase()),
      `${server.url}/login?error=OAuthAccountNotLinked`,
    );
    assert.equal(browser.cookie(), undefined);
    assert.deepEqual((await owner.get("/api/connections")).json, []);
  });

  it("refuses a deactivated account's sign-in, and starts no session", async () => {
    const login = `oscar${unique()}`;
    await signInWithProvider(client(server.url), login);
    withDb(
      server.databasePath,
      (database) => database.run(`UPDATE "User" SET isActive = 0 WHERE usernameKey = ?`, login),
      {
        writable: true,
      },
    );
    const browser = client(server.url);
    assert.equal(await signInWithProvider(browser, login), `${server.url}/login?error=AccessDenied`);
    assert.equal(browser.cookie(), undefined);
    assert.equal((await browser.get("/api/me")).status, 401);
  });

  it("refuses a callback replayed without the browser's state, PKCE and nonce cookies", async () => {
    const callback = await throughProvider(await startProviderSignIn(client(server.url)), `mallory${unique()}`);
    const stranger = client(server.url);
    const response = await stranger.get(callback);
    assert.equal(response.status, 302);
    assert.match(response.headers.get("location") ?? "", /\/login\?error=/);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.equal(stranger.cookie(), undefined);
  });
});

describe("connections", () => {
  it("keeps the last way to sign in (409), lets a connection go once a password is there, and only the owner's", async () => {
    const providerOnly = client(server.url);
    await signInWithProvider(providerOnly, `heidi${unique()}`);
    const [only] = (await providerOnly.get("/api/connections")).json as Connection[];
    const refused = await providerOnly.request("DELETE", `/api/connections/${only.id}`);
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.json, {
      detail: "This is the account's last way to sign in. Set a password or connect another provider first.",
    });

    // Connecting while signed in with a password: the identity joins that account, the session stays.
    const person = client(server.url);
    const { username, password } = await registerAccount(person);
    const sessionBefore = person.cookie();
    assert.equal(await signInWithProvider(person, `ivan${unique()}`), `${server.url}/`);
    assert.equal(person.cookie(), sessionBefore);
    assert.equal(((await person.get("/api/me")).json as UserJson).username, username);
    const [connection] = (await person.get("/api/connections")).json as Connection[];
    assert.equal((await providerOnly.request("DELETE", `/api/connections/${connection.id}`)).status, 404);
    assert.equal((await person.request("DELETE", `/api/connections/${connection.id}`)).status, 204);
    assert.deepEqual((await person.get("/api/connections")).json, []);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
    assert.equal((await client(server.url).get("/api/connections")).status, 401);
  });
});

describe("second factors", () => {
  /** A password account with an authenticator app and the provider identity `login` connected. */
  async function accountWithTotpAndProvider(app: TestServer, login: string): Promise<string> {
    const person = client(app.url);
    const { username, password } = await registerAccount(person);
    assert.equal(await signInWithProvider(person, login, app), `${app.url}/`);
    await enableTotp(person, password);
    return username;
  }

  it("asks a user with an authenticator app for a code after the provider, with no session before it", async () => {
    const login = `judy${unique()}`;
    await accountWithTotpAndProvider(server, login);
    const browser = client(server.url);
    assert.equal(await signInWithProvider(browser, login), `${server.url}/login/mfa`);
    assert.equal(browser.cookie(), undefined);
    assert.ok(browser.cookie("vestibule.mfa"), "the second step's ticket cookie");
    assert.equal((await browser.get("/api/me")).status, 401);
  });

  it("keeps the safe next the sign-in started with for the second step", async () => {
    const login = `kate${unique()}`;
    await accountWithTotpAndProvider(server, login);
    const browser = client(server.url);
    const callback = await throughProvider(await startProviderSignIn(browser, server, "/login?next=/account"), login);
    const response = await browser.get(callback);
    assert.equal(response.headers.get("location"), `${server.url}/login/mfa?next=%2Faccount`);
  });

  it("lets the OpenID Connect provider's sign-in stand for the second factor when AUTH_OIDC_TRUSTED_MFA is on", async () => {
    const trusting = await startServer({
      THROTTLE_REGISTER: "1000/h",
      ...idp.appEnv({ AUTH_OIDC_TRUSTED_MFA: "true" }),
    });
    try {
      const login = `ken${unique()}`;
      const username = await accountWithTotpAndProvider(trusting, login);
      const browser = client(trusting.url);
      assert.equal(await signInWithProvider(browser, login, trusting), `${trusting.url}/`);
      assert.equal(((await browser.get("/api/me")).json as UserJson).username, username);
    } finally {
      await trusting.stop();
    }
  });
});
