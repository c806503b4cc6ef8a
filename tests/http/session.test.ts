import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ANONYMOUS_SESSION,
  assertUserShape,
  registerAccount,
  sessionIdOf,
  sessionOf,
  strongPassword,
  uniqueName,
} from "../support/accounts";
import { client, setCookieLine, SESSION_COOKIE } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked, remember } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const NOT_AUTHENTICATED = { detail: "Authentication credentials were not provided." };
// A short session lifetime for this file's server, to see SESSION_MAX_AGE reach cookie and row.
const SESSION_MAX_AGE = 7200;

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", SESSION_MAX_AGE: String(SESSION_MAX_AGE) });
});

after(async () => {
  await server?.stop();
});

describe("GET /api/session", () => {
  it("describes an anonymous client exactly", async () => {
    const response = await client(server.url).get("/api/session");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(response.json, ANONYMOUS_SESSION);
  });

  it("treats a cookie that names no session as anonymous, not as an error", async () => {
    for (const value of ["garbage", "", "x".repeat(500), "%E0%A4%A"]) {
      const browser = client(server.url);
      browser.setCookie(SESSION_COOKIE, value);
      const response = await browser.get("/api/session");
      assert.equal(response.status, 200, `${JSON.stringify(value)}: ${response.text}`);
      assert.deepEqual(response.json, ANONYMOUS_SESSION);
    }
  });

  it("describes a logged-in client: the user and the session that authenticated it", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const response = await browser.get("/api/session");
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.json as object).sort(), ["auth", "is_authenticated", "user"]);
    const session = response.json as { is_authenticated: boolean; user: unknown; auth: Record<string, unknown> };
    assert.equal(session.is_authenticated, true);
    assert.deepEqual(session.user, user);
    assert.deepEqual(Object.keys(session.auth).sort(), ["scheme", "sessionId"]);
    assert.equal(session.auth.scheme, "session");
    assert.equal(typeof session.auth.sessionId, "string");
  });

  it("keeps two browsers apart", async () => {
    const first = client(server.url);
    const second = client(server.url);
    const one = await registerAccount(first);
    const two = await registerAccount(second);
    assert.equal((await sessionOf(first)).user?.id, one.user.id);
    assert.equal((await sessionOf(second)).user?.id, two.user.id);
    assert.deepEqual(await sessionOf(client(server.url)), ANONYMOUS_SESSION);
  });
});

describe("GET /api/me", () => {
  it("answers 401 with WWW-Authenticate: Token to an anonymous client", async () => {
    const response = await client(server.url).get("/api/me");
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("www-authenticate"), "Token");
    assert.deepEqual(response.json, NOT_AUTHENTICATED);
  });

  it("answers 401 to a cookie that names no session", async () => {
    const browser = client(server.url);
    browser.setCookie(SESSION_COOKIE, "garbage");
    const response = await browser.get("/api/me");
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("www-authenticate"), "Token");
    assert.deepEqual(response.json, NOT_AUTHENTICATED);
  });

  it("answers 200 with the user object to a logged-in client", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser, {
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@example.com",
    });
    const response = await browser.get("/api/me");
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, user);
    assert.equal(user.email, "grace@example.com");
  });
});

describe("PATCH /api/me", () => {
  it("answers 401 to an anonymous client", async () => {
    const response = await client(server.url).request("PATCH", "/api/me", { first_name: "Nobody" });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("www-authenticate"), "Token");
    assert.deepEqual(response.json, NOT_AUTHENTICATED);
  });

  it("changes the names and email, and answers with the user object", async () => {
    const browser = client(server.url);
    const { user, password } = await registerAccount(browser);
    const response = await browser.request("PATCH", "/api/me", {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      password,
    });
    assert.equal(response.status, 200, response.text);
    assertUserShape(response.json);
    assert.deepEqual(response.json, { ...user, first_name: "Ada", last_name: "Lovelace", email: "ada@example.com" });
    assert.deepEqual((await browser.get("/api/me")).json, response.json);
  });

  it("ignores username, password and the fields a client may not set", async () => {
    const browser = client(server.url);
    const { username, password, user } = await registerAccount(browser);
    const response = await browser.request("PATCH", "/api/me", {
      username: uniqueName("renamed"),
      password: strongPassword(),
      id: "chosen-id",
      is_staff: true,
      is_superuser: true,
      is_active: false,
      date_joined: "2000-01-01T00:00:00.000Z",
      last_login: "2000-01-01T00:00:00.000Z",
      last_name: "Kept",
    });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, { ...user, last_name: "Kept" });
    const row = withDb(server.databasePath, (database) =>
      database.get<{ isStaff: number; isSuperuser: number; isActive: number }>(
        `SELECT isStaff, isSuperuser, isActive FROM "User" WHERE id = ?`,
        user.id,
      ),
    );
    assert.deepEqual(row, { isStaff: 0, isSuperuser: 0, isActive: 1 });
    const login = await client(server.url).post("/api/login", { username, password });
    assert.equal(login.status, 200, "the password was changed through PATCH /api/me");
  });

  it("validates like registration", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const response = await browser.request("PATCH", "/api/me", { email: "not-an-email", first_name: "n".repeat(151) });
    assert.equal(response.status, 400);
    assert.deepEqual(response.json, {
      first_name: ["Ensure this field has no more than 150 characters."],
      email: ["Enter a valid email address."],
    });
    assert.deepEqual((await browser.get("/api/me")).json, user);
  });
});

describe("SESSION_MAX_AGE", () => {
  it("sets how long the cookie and the server-side session live", async () => {
    const browser = client(server.url);
    const started = Date.now();
    const response = await browser.post("/api/register", { username: uniqueName(), password: strongPassword() });
    assert.equal(response.status, 201);
    const line = setCookieLine(response) ?? "";
    const maxAge = /;\s*Max-Age=(\d+)/i.exec(line);
    const expires = /;\s*Expires=([^;]+)/i.exec(line);
    const cookieExpiry = maxAge ? started + Number(maxAge[1]) * 1000 : Date.parse(expires?.[1] ?? "");
    assert.ok(Math.abs(cookieExpiry - (started + SESSION_MAX_AGE * 1000)) < 120_000, `cookie: ${line}`);
    const sessionId = await sessionIdOf(browser);
    const row = withDb(server.databasePath, (database) =>
      database.get<{ expires: number | string }>(`SELECT expires FROM "Session" WHERE id = ?`, sessionId),
    );
    const rowExpiry = new Date(row?.expires ?? 0).getTime();
    assert.ok(
      Math.abs(rowExpiry - (started + SESSION_MAX_AGE * 1000)) < 120_000,
      `session row expires ${new Date(rowExpiry).toISOString()}`,
    );
  });
});

describe("Authorization headers on /api/session and /api/me", () => {
  const basic = (username: string, password: string) =>
    `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

  it("authenticates basic credentials, with auth {scheme: basic}", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    const response = await client(server.url).get("/api/session", {
      headers: { authorization: basic(username, password) },
    });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, {
      is_authenticated: true,
      user: (response.json as { user: unknown }).user,
      auth: { scheme: "basic" },
    });
    assert.equal((response.json as { user: { id: string } }).user.id, user.id);
    const me = await client(server.url).get("/api/me", { headers: { authorization: basic(username, password) } });
    assert.equal(me.status, 200);
  });

  it("answers 401 to wrong basic credentials instead of treating them as anonymous", async () => {
    const { username } = await registerAccount(client(server.url));
    for (const path of ["/api/session", "/api/me"]) {
      const response = await client(server.url).get(path, {
        headers: { authorization: basic(username, strongPassword()) },
      });
      assert.equal(response.status, 401, response.text);
      assert.deepEqual(response.json, { detail: "Invalid username/password." });
    }
  });

  it("authenticates an API token as Token or Bearer, with auth {scheme: token, tokenId, name}", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const created = await browser.post("/api/tokens", { name: "laptop script" });
    assert.equal(created.status, 201, created.text);
    const { id, key } = created.json as { id: string; key: string };
    remember(key, { issued: true });
    for (const keyword of ["Token", "Bearer"]) {
      const response = await client(server.url).get("/api/session", {
        headers: { authorization: `${keyword} ${key}` },
      });
      assert.equal(response.status, 200, response.text);
      const session = response.json as { is_authenticated: boolean; user: { id: string }; auth: unknown };
      assert.equal(session.is_authenticated, true);
      assert.equal(session.user.id, user.id);
      assert.deepEqual(session.auth, { scheme: "token", tokenId: id, name: "laptop script" });
    }
  });

  it("answers 401 to a bad token or an empty Token header", async () => {
    for (const path of ["/api/session", "/api/me"]) {
      const bad = await client(server.url).get(path, { headers: { authorization: "Token not-a-real-key" } });
      assert.equal(bad.status, 401, bad.text);
      assert.deepEqual(bad.json, { detail: "Invalid token." });
      const empty = await client(server.url).get(path, { headers: { authorization: "Token" } });
      assert.equal(empty.status, 401, empty.text);
      assert.deepEqual(empty.json, { detail: "Invalid token header. No credentials provided." });
    }
  });

  it("answers 401 User inactive or deleted to an inactive user's basic credentials", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET isActive = 0 WHERE id = ?`, user.id), {
      writable: true,
    });
    const response = await client(server.url).get("/api/me", { headers: { authorization: basic(username, password) } });
    assert.equal(response.status, 401, response.text);
    assert.deepEqual(response.json, { detail: "User inactive or deleted." });
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
