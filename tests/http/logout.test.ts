import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertAnonymous, logIn, registerAccount, sessionIdOf, sessionOf } from "../support/accounts";
import { client, setCookieLine, SESSION_COOKIE } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const LOGGED_OUT = { detail: "Successfully logged out." };

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

function sessionRows(where: string, ...params: unknown[]): number {
  return withDb(server.databasePath, (database) => database.count("Session", where, ...params));
}

/** A cookie line that tells the browser to drop the cookie now. */
function clearsCookie(line: string | undefined): boolean {
  if (!line) return false;
  const value = line
    .slice(line.indexOf("=") + 1)
    .split(";")[0]
    .trim();
  const maxAge = /;\s*Max-Age=(-?\d+)/i.exec(line);
  const expires = /;\s*Expires=([^;]+)/i.exec(line);
  return (
    value === "" ||
    (maxAge !== null && Number(maxAge[1]) <= 0) ||
    (expires !== null && Date.parse(expires[1]) <= Date.now())
  );
}

describe("POST /api/logout", () => {
  it("answers 200, deletes the session on the server and clears the cookie", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const sessionId = await sessionIdOf(browser);
    assert.equal(sessionRows("id = ?", sessionId), 1);

    const response = await browser.post("/api/logout");
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, LOGGED_OUT);
    assert.ok(
      clearsCookie(setCookieLine(response)),
      `the cookie was not cleared: ${JSON.stringify(response.setCookies)}`,
    );
    assert.equal(browser.cookie(), undefined);
    assert.equal(sessionRows("id = ?", sessionId), 0, "the session row survived logout");
    await assertAnonymous(browser);
    assert.equal((await browser.get("/api/me")).status, 401);
  });

  it("makes a cookie copied before logout anonymous (no replay)", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const copied = browser.cookie();
    assert.ok(copied);

    assert.equal((await browser.post("/api/logout")).status, 200);

    const attacker = client(server.url);
    attacker.setCookie(SESSION_COOKIE, copied);
    await assertAnonymous(attacker);
    const me = await attacker.get("/api/me");
    assert.equal(me.status, 401);
    assert.deepEqual(me.json, { detail: "Authentication credentials were not provided." });
  });

  it("ends only this session: the same user's other devices stay logged in", async () => {
    const laptop = client(server.url);
    const { username, password } = await registerAccount(laptop);
    const phone = client(server.url);
    assert.equal((await logIn(phone, username, password)).status, 200);
    const phoneSession = await sessionIdOf(phone);

    assert.equal((await laptop.post("/api/logout")).status, 200);
    await assertAnonymous(laptop);
    assert.equal(await sessionIdOf(phone), phoneSession);
  });

  it('ends every session of the user with {"all": true}, and no one else\'s', async () => {
    const laptop = client(server.url);
    const { username, password, user } = await registerAccount(laptop);
    const phone = client(server.url);
    const tablet = client(server.url);
    assert.equal((await logIn(phone, username, password)).status, 200);
    assert.equal((await logIn(tablet, username, password)).status, 200);
    const phoneCookie = phone.cookie();
    assert.ok(phoneCookie);
    const stranger = client(server.url);
    await registerAccount(stranger);
    const strangerSession = await sessionIdOf(stranger);
    assert.equal(sessionRows("userId = ?", user.id), 3);

    const response = await laptop.post("/api/logout", { all: true });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, LOGGED_OUT);

    assert.equal(sessionRows("userId = ?", user.id), 0);
    await assertAnonymous(laptop);
    await assertAnonymous(phone);
    await assertAnonymous(tablet);
    const replay = client(server.url);
    replay.setCookie(SESSION_COOKIE, phoneCookie);
    await assertAnonymous(replay);
    assert.equal(await sessionIdOf(stranger), strangerSession);
  });

  it("accepts all=true from a form-urlencoded body", async () => {
    const laptop = client(server.url);
    const { username, password } = await registerAccount(laptop);
    const phone = client(server.url);
    assert.equal((await logIn(phone, username, password)).status, 200);
    const response = await laptop.post(
      "/api/logout",
      { all: "true" },
      { headers: { "content-type": "application/x-www-form-urlencoded" } },
    );
    assert.equal(response.status, 200, response.text);
    await assertAnonymous(phone);
  });

  it('with {"all": false} ends only this session', async () => {
    const laptop = client(server.url);
    const { username, password } = await registerAccount(laptop);
    const phone = client(server.url);
    assert.equal((await logIn(phone, username, password)).status, 200);
    assert.equal((await laptop.post("/api/logout", { all: false })).status, 200);
    await assertAnonymous(laptop);
    assert.equal((await sessionOf(phone)).is_authenticated, true);
  });

  it("answers 200 to an anonymous client", async () => {
    const browser = client(server.url);
    const response = await browser.post("/api/logout");
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, LOGGED_OUT);
    const withAll = await browser.post("/api/logout", { all: true });
    assert.equal(withAll.status, 200, withAll.text);
    assert.deepEqual(withAll.json, LOGGED_OUT);
  });

  it("answers 200 to a client whose cookie names no session", async () => {
    const browser = client(server.url);
    browser.setCookie(SESSION_COOKIE, "no-such-session");
    const response = await browser.post("/api/logout");
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, LOGGED_OUT);
  });

  it("lets the user log in again afterwards", async () => {
    const browser = client(server.url);
    const { username, password, user } = await registerAccount(browser);
    assert.equal((await browser.post("/api/logout")).status, 200);
    assert.equal((await logIn(browser, username, password)).status, 200);
    assert.equal((await sessionOf(browser)).user?.id, user.id);
  });

  it("leaks no password, hash or session cookie", () => {
    assertNoSecretsLeaked(server);
  });
});
