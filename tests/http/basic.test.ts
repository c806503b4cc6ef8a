import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, sessionIdOf, strongPassword, uniqueName, type SessionJson } from "../support/accounts";
import { client, setCookieLine, type ApiResponse } from "../support/client";
import { withDb } from "../support/db";
import {
  basicHeader,
  createToken,
  INVALID_BASIC,
  INVALID_LOGIN,
  tokenHeader,
  USER_INACTIVE,
} from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const WINDOW_SECONDS = 15 * 60;

let server: TestServer;

before(async () => {
  // The per-username login limit at its default (5 per 15 minutes); the per-address limits are
  // raised so that this file's many requests from 127.0.0.1 test only the username's count.
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

function withAuthorization(value: string): Promise<ApiResponse> {
  return client(server.url).get("/api/me", { headers: { authorization: value } });
}

function basicGet(path: string, username: string, password: string): Promise<ApiResponse> {
  return client(server.url).get(path, { headers: basicHeader(username, password) });
}

function encoded(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** A 401 for a bad credential: the body, and no session cookie. */
function assertRefused(response: ApiResponse, body: unknown): void {
  assert.equal(response.status, 401, response.text);
  assert.deepEqual(response.json, body);
  assert.equal(setCookieLine(response), undefined);
}

describe("The basic scheme", () => {
  it("authenticates basic credentials with auth {scheme: basic}", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    const response = await basicGet("/api/session", username, password);
    assert.equal(response.status, 200, response.text);
    const session = response.json as SessionJson;
    assert.equal(session.is_authenticated, true);
    assert.equal(session.user?.id, user.id);
    assert.deepEqual(session.auth, { scheme: "basic" });

    const me = await basicGet("/api/me", username, password);
    assert.equal(me.status, 200, me.text);
    assert.equal((me.json as { id: string }).id, user.id);
  });

  it("starts no session: a request authenticated by basic credentials gets no session cookie", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    const sessionsBefore = withDb(server.databasePath, (database) => database.count("Session", "userId = ?", user.id));
    const response = await basicGet("/api/me", username, password);
    assert.equal(response.status, 200, response.text);
    assert.equal(setCookieLine(response), undefined);
    assert.equal(
      withDb(server.databasePath, (database) => database.count("Session", "userId = ?", user.id)),
      sessionsBefore,
    );
  });

  it("accepts the username in any case, and a password that contains colons", async () => {
    const password = `a:b::${strongPassword()}:`;
    const { username, user } = await registerAccount(client(server.url), { username: uniqueName("Colon"), password });
    for (const spelling of [username, username.toLowerCase(), username.toUpperCase()]) {
      const response = await basicGet("/api/session", spelling, password);
      assert.equal(response.status, 200, response.text);
      assert.equal((response.json as SessionJson).user?.id, user.id);
    }
  });

  it('answers 401 "Invalid username/password." to a wrong password or an unknown user alike', async () => {
    const { username, password } = await registerAccount(client(server.url));
    assertRefused(await basicGet("/api/me", username, strongPassword()), INVALID_BASIC);
    assertRefused(await basicGet("/api/me", username, password.toUpperCase()), INVALID_BASIC);
    assertRefused(await basicGet("/api/me", uniqueName("ghost"), password), INVALID_BASIC);
    // Even where anonymity is allowed: a wrong credential is an error, not anonymity.
    assertRefused(await basicGet("/api/session", username, strongPassword()), INVALID_BASIC);
  });

  it('answers 401 "Invalid basic header. Credentials not correctly base64 encoded." to bad base64', async () => {
    for (const header of [
      "Basic !!!not-base64!!!",
      "Basic abc",
      "Basic ====",
      `Basic ${encoded("no-colon-in-here")}`,
    ]) {
      assertRefused(await withAuthorization(header), {
        detail: "Invalid basic header. Credentials not correctly base64 encoded.",
      });
    }
  });

  it('answers 401 "Invalid basic header. No credentials provided." to "Basic" alone', async () => {
    for (const header of ["Basic", "Basic "]) {
      assertRefused(await withAuthorization(header), { detail: "Invalid basic header. No credentials provided." });
    }
  });

  it('answers 401 "Invalid basic header. Credentials string should not contain spaces." to "Basic a b"', async () => {
    const { username, password } = await registerAccount(client(server.url));
    assertRefused(await withAuthorization(`Basic ${encoded(`${username}:${password}`)} extra`), {
      detail: "Invalid basic header. Credentials string should not contain spaces.",
    });
  });

  it('answers 401 "User inactive or deleted." to an inactive user\'s right password, and the generic 401 to a wrong one', async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET isActive = 0 WHERE id = ?`, user.id), {
      writable: true,
    });
    assertRefused(await basicGet("/api/me", username, password), USER_INACTIVE);
    assertRefused(await basicGet("/api/session", username, password), USER_INACTIVE);
    assertRefused(await basicGet("/api/me", username, strongPassword()), INVALID_BASIC);
  });
});

describe("Failed basic attempts count as failed logins (5 per username per 15 minutes)", () => {
  it("locks the username after 5 wrong basic attempts: the right basic credentials and the right login get 429", async () => {
    const { username, password } = await registerAccount(client(server.url));
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      assertRefused(await basicGet("/api/me", username, strongPassword()), INVALID_BASIC);
    }
    assertThrottled(await basicGet("/api/me", username, password), WINDOW_SECONDS);
    assertThrottled(await basicGet("/api/session", username, password), WINDOW_SECONDS);
    const browser = client(server.url);
    assertThrottled(await logIn(browser, username, password), WINDOW_SECONDS);
    assert.equal(browser.cookie(), undefined);
  });

  it("adds failed logins and failed basic attempts together", async () => {
    const { username, password } = await registerAccount(client(server.url));
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const response = await logIn(client(server.url), username, strongPassword());
      assert.equal(response.status, 400, response.text);
      assert.deepEqual(response.json, INVALID_LOGIN);
    }
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      assertRefused(await basicGet("/api/me", username, strongPassword()), INVALID_BASIC);
    }
    assertThrottled(await basicGet("/api/me", username, password), WINDOW_SECONDS);
    assertThrottled(await logIn(client(server.url), username, password), WINDOW_SECONDS);
  });

  it("locks the username through basic auth after 5 failed logins", async () => {
    const { username, password } = await registerAccount(client(server.url));
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      assert.equal((await logIn(client(server.url), username, strongPassword())).status, 400);
    }
    assertThrottled(await basicGet("/api/me", username, password), WINDOW_SECONDS);
  });

  it("does not lock other usernames", async () => {
    const victim = await registerAccount(client(server.url));
    const bystander = await registerAccount(client(server.url));
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      assertRefused(await basicGet("/api/me", victim.username, strongPassword()), INVALID_BASIC);
    }
    assertThrottled(await basicGet("/api/me", victim.username, victim.password), WINDOW_SECONDS);
    assert.equal((await basicGet("/api/me", bystander.username, bystander.password)).status, 200);
  });
});

describe("Several credentials in one request: session, then token, then basic", () => {
  it("lets the session cookie decide over an Authorization: Token header", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const sessionId = await sessionIdOf(browser);
    const other = client(server.url);
    await registerAccount(other);
    const othersToken = await createToken(other);

    for (const headers of [tokenHeader(othersToken.key), tokenHeader(othersToken.key, "Bearer")]) {
      const response = await browser.get("/api/session", { headers });
      assert.equal(response.status, 200, response.text);
      const session = response.json as SessionJson;
      assert.equal(session.user?.id, user.id);
      assert.deepEqual(session.auth, { scheme: "session", sessionId });
    }
  });

  it("lets the session cookie decide over basic credentials", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const sessionId = await sessionIdOf(browser);
    const other = await registerAccount(client(server.url));
    const response = await browser.get("/api/session", { headers: basicHeader(other.username, other.password) });
    assert.equal(response.status, 200, response.text);
    assert.equal((response.json as SessionJson).user?.id, user.id);
    assert.deepEqual((response.json as SessionJson).auth, { scheme: "session", sessionId });
  });

  it("does not look at the Authorization header once the session has authenticated the request", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    for (const authorization of ["Token vst_neverIssued000000000000000000000", "Token", "Basic !!!"]) {
      const response = await browser.get("/api/me", { headers: { authorization } });
      assert.equal(response.status, 200, `${authorization}: ${response.text}`);
      assert.equal((response.json as { id: string }).id, user.id);
    }
  });

  it("lets the token decide when the session cookie names no session", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const token = await createToken(browser, { name: "fallback" });
    assert.equal((await browser.post("/api/logout")).status, 200);
    browser.setCookie("vestibule.session", "no-such-session");
    const response = await browser.get("/api/session", { headers: tokenHeader(token.key) });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual((response.json as SessionJson).auth, { scheme: "token", tokenId: token.id, name: "fallback" });
  });
});

it("leaks no password, hash, session cookie or API key", () => {
  assertNoSecretsLeaked(server);
});
