import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, uniqueName, type Account, type UserJson } from "../support/accounts";
import { withDb } from "../support/db";
import { client, type Client } from "../support/client";
import { startMailSink, type MailSink } from "../support/extra-mail";
import { assertHarmlessNotice, mailTo, verifyLinkOf } from "../support/mail-links";
import { enableTotp } from "../support/mfa";
import { startTestIdp, type TestIdp } from "../support/oidc-idp";
import { pageForm, postForm, type FormAnswer } from "../support/page-forms";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

// Signing in with another provider over plain HTTP, against a real OpenID Connect provider on
// 127.0.0.1 (tests/support/oidc-idp.mjs): the login page's form post, the provider's own login
// and consent forms, and the callback, each request as a browser would send it.

let idp: TestIdp;
let server: TestServer;
let mail: MailSink;

before(async () => {
  idp = await startTestIdp();
  mail = await startMailSink();
  server = await startServer({
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    SMTP_URL: mail.url,
    ...idp.appEnv(),
  });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
  await idp?.stop();
  await mail?.stop();
});

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PROVIDER_FORM = ['name="provider"', 'value="oidc"'];
const WRONG_PASSWORD = "Your password was entered incorrectly. Please enter it again.";
const SIGN_IN_AGAIN =
  "To connect a provider to an account without a password, sign in again first: it must be done within 10 minutes of signing in.";

/**
 * A provider's form (the login page's "Continue with", the account page's "Connect"), posted as a
 * browser without JavaScript would, by `browser` (its session cookie, if any). `formFrom` is the
 * browser whose view of the page the form is taken from.
 */
async function postProviderForm(
  browser: Client,
  from: string,
  fields: Record<string, string> = {},
  { app = server, formFrom = browser }: { app?: TestServer; formFrom?: Client } = {},
): Promise<FormAnswer> {
  const form = await pageForm(formFrom, from, PROVIDER_FORM);
  return postForm(app.url, from, form, { provider: "oidc", ...fields }, browser);
}

/** The login page's "Continue with": the redirect to the provider. */
async function startProviderSignIn(browser: Client, app: TestServer = server, from = "/login"): Promise<string> {
  const answer = await postProviderForm(browser, from, {}, { app });
  assert.equal(answer.status, 303, answer.text.slice(0, 300));
  assert.ok(answer.location.startsWith(`${idp.issuer}/auth?`), answer.location);
  return answer.location;
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

/** The provider's callback, in `browser`: where the app sends it then. */
async function finishAt(browser: Client, callback: string): Promise<string> {
  const response = await browser.get(callback);
  assert.equal(response.status, 302, response.text.slice(0, 300));
  // Auth.js writes this answer, past our endpoint wrapper, and it sets the session cookie.
  assert.equal(response.headers.get("cache-control"), "no-store", "the callback's redirect may be cached");
  return response.headers.get("location") ?? "";
}

/** The whole sign-in; the callback's redirect (where the app sends the browser). */
async function signInWithProvider(browser: Client, login: string, app: TestServer = server): Promise<string> {
  return finishAt(browser, await throughProvider(await startProviderSignIn(browser, app), login, app));
}

/** The account page's "Connect Test IdP" with the password (none for an account without one), through the provider. */
async function connectProvider(
  browser: Client,
  login: string,
  password: string | undefined,
  app: TestServer = server,
): Promise<string> {
  const answer = await postProviderForm(browser, "/account", password === undefined ? {} : { password }, { app });
  assert.equal(answer.status, 303, answer.text.slice(0, 300));
  assert.ok(answer.location.startsWith(`${idp.issuer}/auth?`), answer.location);
  return finishAt(browser, await throughProvider(answer.location, login, app));
}

/** A password account whose address is verified (by the mailed link). */
async function verifiedAccount(browser: Client): Promise<Account & { email: string }> {
  const email = `${uniqueName("owner")}@example.com`;
  const before = mail.messages.length;
  const account = await registerAccount(browser, { email });
  const { token } = verifyLinkOf(await mailTo(mail, email, before));
  assert.equal((await client(server.url).post("/api/email/verify", { token })).status, 200);
  return { ...account, email };
}

const eventsOf = async (browser: Client) =>
  ((await browser.get("/api/events")).json as Array<{ event: string }>).map((event) => event.event);

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

  it("refuses an identity whose e-mail address is an existing account's verified one, and joins nothing", async () => {
    const owner = client(server.url);
    const { email } = await verifiedAccount(owner);
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

describe("e-mail addresses that nobody has verified", () => {
  it("block no provider sign-up: the provider's verified address makes the account, and the unverified claim on it goes", async () => {
    const squatter = client(server.url);
    const email = `ceo${unique()}@corp.example`;
    const { username, password, user } = await registerAccount(squatter, { email });
    const browser = client(server.url);
    assert.equal(await signInWithProvider(browser, email), `${server.url}/`);
    const me = (await browser.get("/api/me")).json as UserJson;
    assert.notEqual(me.id, user.id);
    assert.equal(me.email, email);
    assert.equal(me.email_verified, true);
    // The account that only claimed the address keeps everything else, and its owner can see why.
    const squatted = (await squatter.get("/api/me")).json as UserJson;
    assert.equal(squatted.email, "");
    assert.equal(squatted.email_verified, false);
    assert.ok((await eventsOf(squatter)).includes("email_removed"));
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
    assert.deepEqual((await squatter.get("/api/connections")).json, []);
  });

  it("take nothing from each other when the provider does not vouch for its address either", async () => {
    const other = client(server.url);
    const email = `unverified-${unique()}@corp.example`;
    await registerAccount(other, { email });
    const browser = client(server.url);
    assert.equal(await signInWithProvider(browser, email), `${server.url}/`);
    const me = (await browser.get("/api/me")).json as UserJson;
    assert.deepEqual({ email: me.email, email_verified: me.email_verified }, { email, email_verified: false });
    assert.equal(((await other.get("/api/me")).json as UserJson).email, email);
  });
});

describe("connecting a provider to a signed-in account", () => {
  it("asks for the password, connects nothing on a wrong one, and mails the owner a notice on a right one", async () => {
    const person = client(server.url);
    const { username, password, email } = await verifiedAccount(person);
    for (const [fields, error] of [
      [{ password: `${password}-wrong` }, WRONG_PASSWORD],
      [{}, "This field is required."],
    ] as const) {
      const refused = await postProviderForm(person, "/account", fields);
      assert.equal(refused.status, 200, `${refused.status} ${refused.location}`);
      assert.ok(refused.text.includes(error), error);
    }
    assert.deepEqual((await person.get("/api/connections")).json, []);

    const sessionBefore = person.cookie();
    const before = mail.messages.length;
    assert.equal(await connectProvider(person, `ivy${unique()}`, password), `${server.url}/account`);
    assert.equal(person.cookie(), sessionBefore);
    assert.equal(((await person.get("/api/me")).json as UserJson).username, username);
    const [connection] = (await person.get("/api/connections")).json as Connection[];
    assert.equal(connection.provider, "oidc");
    const notice = await mailTo(mail, email, before);
    assert.equal(notice.subject, "A sign-in provider was connected to your Vestibule account");
    assertHarmlessNotice(notice, server.url);
    assert.ok((await eventsOf(person)).includes("provider_connected"));

    const beforeRemoval = mail.messages.length;
    assert.equal((await person.request("DELETE", `/api/connections/${connection.id}`)).status, 204);
    const removal = await mailTo(mail, email, beforeRemoval);
    assert.equal(removal.subject, "A sign-in provider was disconnected from your Vestibule account");
  });

  it("takes the password once: a second sign-in reaching the callback in that session links nothing", async () => {
    const person = client(server.url);
    const { password } = await registerAccount(person);
    await connectProvider(person, `jade${unique()}`, password);
    // A sign-in started elsewhere (its state, PKCE and nonce cookies), finished in this session.
    const starter = client(server.url);
    const location = await startProviderSignIn(starter);
    for (const name of ["authjs.pkce.code_verifier", "authjs.state", "authjs.nonce", "authjs.callback-url"]) {
      const value = starter.cookie(name);
      if (value) person.setCookie(name, value);
    }
    const landing = await finishAt(person, await throughProvider(location, `jade-other${unique()}`));
    assert.equal(landing, `${server.url}/account?connection=unconfirmed#connections`);
    assert.equal(((await person.get("/api/connections")).json as Connection[]).length, 1);
  });

  it("links nothing for a session alone: a sign-in started signed out and finished signed in", async () => {
    const browser = client(server.url);
    const location = await startProviderSignIn(browser);
    const { username } = await registerAccount(browser);
    const landing = await finishAt(browser, await throughProvider(location, `kim${unique()}`));
    assert.equal(landing, `${server.url}/account?connection=unconfirmed#connections`);
    assert.deepEqual((await browser.get("/api/connections")).json, []);
    assert.equal(((await browser.get("/api/me")).json as UserJson).username, username);
  });

  it("offers no provider on /login to a signed-in person, and its form posted anyway starts nothing", async () => {
    const anyone = client(server.url);
    assert.ok((await anyone.get("/login")).text.includes('name="provider"'));
    const person = client(server.url);
    await registerAccount(person);
    const page = await person.get("/login");
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('name="provider"'), "a provider button on a signed-in person's /login");
    const answer = await postProviderForm(person, "/login", {}, { formFrom: anyone });
    assert.equal(answer.status, 303);
    assert.equal(new URL(answer.location, server.url).pathname, "/account");
    assert.equal(person.cookie("authjs.pkce.code_verifier"), undefined);
  });

  it("lets an account without a password connect within 10 minutes of signing in, and asks it to sign in again after", async () => {
    const browser = client(server.url);
    await signInWithProvider(browser, `lena${unique()}`);
    const { id } = (await browser.get("/api/me")).json as UserJson;
    // Its first connection becomes another provider's (one this server does not offer), so Test IdP can be connected.
    withDb(
      server.databasePath,
      (database) => database.run(`UPDATE "Account" SET "provider" = 'github' WHERE "userId" = ?`, id),
      {
        writable: true,
      },
    );
    const form = await pageForm(browser, "/account", PROVIDER_FORM);
    assert.ok(!form.includes('name="password"'), "a password field for an account without a password");

    const setSignedIn = (at: Date) =>
      withDb(
        server.databasePath,
        (database) =>
          database.run(
            `UPDATE "Session" SET "createdAt" = ? WHERE "userId" = ?`,
            at.toISOString().replace("Z", "+00:00"),
            id,
          ),
        { writable: true },
      );
    setSignedIn(new Date(Date.now() - 11 * 60_000));
    const refused = await postProviderForm(browser, "/account");
    assert.equal(refused.status, 200, `${refused.status} ${refused.location}`);
    assert.ok(refused.text.includes(SIGN_IN_AGAIN));
    assert.equal(((await browser.get("/api/connections")).json as Connection[]).length, 1);

    setSignedIn(new Date());
    assert.equal(await connectProvider(browser, `lena-idp${unique()}`, undefined), `${server.url}/account`);
    const providers = ((await browser.get("/api/connections")).json as Connection[]).map((row) => row.provider);
    assert.deepEqual(providers.sort(), ["github", "oidc"]);
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

    // Connecting with the password: the identity joins that account.
    const person = client(server.url);
    const { username, password } = await registerAccount(person);
    assert.equal(await connectProvider(person, `ivan${unique()}`, password), `${server.url}/account`);
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
    assert.equal(await connectProvider(person, login, password, app), `${app.url}/account`);
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
