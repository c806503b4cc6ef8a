import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertAnonymous,
  logIn,
  registerAccount,
  sessionIdOf,
  sessionOf,
  strongPassword,
  uniqueName,
} from "../support/accounts";
import { client, setCookieLine, type ApiResponse } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const EVIL = "http://evil.example";
const TRUSTED = ["https://app.example.com", "http://trusted.example:8080"];

let server: TestServer;

before(async () => {
  server = await startServer({
    TRUSTED_ORIGINS: TRUSTED.join(","),
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
  });
});

after(async () => {
  await server?.stop();
});

function assertCsrfRefusal(response: ApiResponse, origin: string): void {
  assert.equal(response.status, 403, response.text);
  assert.deepEqual(response.json, {
    detail: `CSRF Failed: Origin checking failed - ${origin} does not match any trusted origins.`,
  });
  assert.equal(setCookieLine(response), undefined, "a refused request touched the session cookie");
}

function count(table: string, where: string, ...params: unknown[]): number {
  return withDb(server.databasePath, (database) => database.count(table, where, ...params));
}

describe("CSRF: a cross-origin unsafe request with the session cookie", () => {
  it("cannot log the user out", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const sessionId = await sessionIdOf(browser);
    assertCsrfRefusal(await browser.post("/api/logout", undefined, { headers: { origin: EVIL } }), EVIL);
    assertCsrfRefusal(await browser.post("/api/logout", {}, { headers: { origin: EVIL } }), EVIL);
    assert.equal(await sessionIdOf(browser), sessionId);
    assert.equal(count("Session", "id = ?", sessionId), 1);
  });

  it('cannot end every session with {"all": true}', async () => {
    const laptop = client(server.url);
    const { username, password, user } = await registerAccount(laptop);
    const phone = client(server.url);
    assert.equal((await logIn(phone, username, password)).status, 200);
    const phoneSession = await sessionIdOf(phone);
    assertCsrfRefusal(await laptop.post("/api/logout", { all: true }, { headers: { origin: EVIL } }), EVIL);
    assert.equal(await sessionIdOf(phone), phoneSession);
    assert.equal(count("Session", "userId = ?", user.id), 2);
  });

  it("cannot log the browser in as someone else", async () => {
    const browser = client(server.url);
    const victim = await registerAccount(browser);
    const attacker = await registerAccount(client(server.url));
    const sessionId = await sessionIdOf(browser);
    assertCsrfRefusal(await logIn(browser, attacker.username, attacker.password, { origin: EVIL }), EVIL);
    assert.equal(await sessionIdOf(browser), sessionId);
    assert.equal((await sessionOf(browser)).user?.id, victim.user.id);
  });

  it("cannot change the profile", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser, { first_name: "Original" });
    assertCsrfRefusal(
      await browser.request("PATCH", "/api/me", { first_name: "Hacked" }, { headers: { origin: EVIL } }),
      EVIL,
    );
    assert.equal((await sessionOf(browser)).user?.first_name, "Original");
    assert.equal(
      withDb(server.databasePath, (database) =>
        database.get<{ firstName: string }>(`SELECT firstName FROM "User" WHERE id = ?`, user.id),
      )?.firstName,
      "Original",
    );
  });

  for (const origin of [
    "null",
    "http://127.0.0.1",
    "http://127.0.0.1.evil.example",
    "https://app.example.com.evil.example",
    "http://app.example.com",
  ]) {
    it(`is refused from the origin ${origin}`, async () => {
      const browser = client(server.url);
      await registerAccount(browser);
      const sessionId = await sessionIdOf(browser);
      assertCsrfRefusal(await browser.post("/api/logout", undefined, { headers: { origin } }), origin);
      assert.equal(await sessionIdOf(browser), sessionId);
    });
  }

  it("cannot pass by naming its own host in X-Forwarded-Host or X-Forwarded-Proto (TRUST_PROXY=0)", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const sessionId = await sessionIdOf(browser);
    const { port } = new URL(server.url);
    const forged = { origin: EVIL, "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
    assertCsrfRefusal(await browser.post("/api/logout", undefined, { headers: forged }), EVIL);
    const httpsOrigin = `https://127.0.0.1:${port}`;
    assertCsrfRefusal(
      await browser.post("/api/logout", undefined, { headers: { origin: httpsOrigin, "x-forwarded-proto": "https" } }),
      httpsOrigin,
    );
    assert.equal(await sessionIdOf(browser), sessionId);
  });

  it("is refused from the same host on another port or scheme", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const { port } = new URL(server.url);
    for (const origin of [`http://127.0.0.1:${Number(port) + 1}`, `https://127.0.0.1:${port}`]) {
      assertCsrfRefusal(await browser.post("/api/logout", undefined, { headers: { origin } }), origin);
    }
    assert.equal((await sessionOf(browser)).is_authenticated, true);
  });
});

describe("CSRF: requests that would set a session cookie", () => {
  it("refuses a cross-origin registration and creates no user", async () => {
    const username = uniqueName("csrf");
    const browser = client(server.url);
    assertCsrfRefusal(
      await browser.post("/api/register", { username, password: strongPassword() }, { headers: { origin: EVIL } }),
      EVIL,
    );
    assert.equal(count("User", "lower(username) = lower(?)", username), 0);
    assert.equal(browser.cookie(), undefined);
    await assertAnonymous(browser);
  });

  it("refuses a cross-origin login: no cookie, no session, no last_login", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    const sessionsBefore = count("Session", "userId = ?", user.id);
    const browser = client(server.url);
    assertCsrfRefusal(await logIn(browser, username, password, { origin: EVIL }), EVIL);
    assert.equal(browser.cookie(), undefined);
    await assertAnonymous(browser);
    assert.equal(count("Session", "userId = ?", user.id), sessionsBefore);
    const row = withDb(server.databasePath, (database) =>
      database.get<{ lastLogin: number | string }>(`SELECT lastLogin FROM "User" WHERE id = ?`, user.id),
    );
    assert.equal(new Date(row?.lastLogin ?? 0).toISOString(), user.last_login);
  });
});

describe("CSRF: allowed requests", () => {
  it("allows a request with no Origin header (a script)", async () => {
    const browser = client(server.url);
    const { username, password } = await registerAccount(browser);
    assert.equal((await logIn(browser, username, password)).status, 200);
    assert.equal((await browser.post("/api/logout")).status, 200);
    await assertAnonymous(browser);
  });

  it("allows the app's own origin", async () => {
    const origin = server.url;
    const browser = client(server.url);
    const username = uniqueName("same");
    const password = strongPassword();
    const registered = await browser.post("/api/register", { username, password }, { headers: { origin } });
    assert.equal(registered.status, 201, registered.text);
    assert.equal((await logIn(browser, username, password, { origin })).status, 200);
    assert.equal(
      (await browser.request("PATCH", "/api/me", { last_name: "Same" }, { headers: { origin } })).status,
      200,
    );
    const logout = await browser.post("/api/logout", undefined, { headers: { origin } });
    assert.equal(logout.status, 200, logout.text);
    await assertAnonymous(browser);
  });

  for (const origin of TRUSTED) {
    it(`allows ${origin}, listed in TRUSTED_ORIGINS`, async () => {
      const browser = client(server.url);
      const username = uniqueName("trusted");
      const password = strongPassword();
      const registered = await browser.post("/api/register", { username, password }, { headers: { origin } });
      assert.equal(registered.status, 201, registered.text);
      assert.equal((await logIn(browser, username, password, { origin })).status, 200);
      const logout = await browser.post("/api/logout", undefined, { headers: { origin } });
      assert.equal(logout.status, 200, logout.text);
      await assertAnonymous(browser);
    });
  }

  it("does not apply to safe methods", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const session = await browser.get("/api/session", { headers: { origin: EVIL } });
    assert.equal(session.status, 200);
    assert.equal((session.json as { user: { id: string } }).user.id, user.id);
    assert.equal((await browser.get("/api/me", { headers: { origin: EVIL } })).status, 200);
  });

  it("does not apply to an anonymous logout, which carries no session cookie", async () => {
    const response = await client(server.url).post("/api/logout", undefined, { headers: { origin: EVIL } });
    assert.equal(response.status, 200, response.text);
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
