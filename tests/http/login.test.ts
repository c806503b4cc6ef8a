import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertAnonymous,
  assertUserShape,
  logIn,
  registerAccount,
  sessionIdOf,
  sessionOf,
  strongPassword,
  uniqueName,
} from "../support/accounts";
import { client, setCookieLine } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const INVALID = { non_field_errors: ["Unable to log in with provided credentials."] };

let server: TestServer;

before(async () => {
  // Dozens of failed logins from one address on purpose: throttling has its own files.
  server = await startServer({ THROTTLE_LOGIN_ADDRESS: "1000/15m", THROTTLE_REGISTER: "1000/h" });
});

after(async () => {
  await server?.stop();
});

function sessionRows(where: string, ...params: unknown[]): number {
  return withDb(server.databasePath, (database) => database.count("Session", where, ...params));
}

/** Registers on a throwaway client, so that the returned credentials are not logged in anywhere. */
async function account(fields: Record<string, unknown> = {}) {
  const created = await registerAccount(client(server.url), fields);
  return created;
}

async function assertInvalidLogin(username: string, password: string): Promise<void> {
  const sessionsBefore = sessionRows("1 = 1");
  const browser = client(server.url);
  const response = await logIn(browser, username, password);
  assert.equal(response.status, 400, response.text);
  assert.deepEqual(response.json, INVALID);
  assert.equal(setCookieLine(response), undefined, "a failed login set a session cookie");
  assert.equal(sessionRows("1 = 1"), sessionsBefore, "a failed login wrote a session row");
  await assertAnonymous(browser);
}

describe("POST /api/login", () => {
  describe("success", () => {
    it("answers 200 with the user object and logs the client in", async () => {
      const { username, password, user } = await account({ first_name: "Ada" });
      const browser = client(server.url);
      const response = await logIn(browser, username, password);
      assert.equal(response.status, 200, response.text);
      assertUserShape(response.json);
      assert.equal(response.json.id, user.id);
      assert.equal(response.json.username, username);
      assert.equal(response.json.first_name, "Ada");
      assert.ok(!response.text.includes(password));
      assert.ok(!/password|bcrypt/i.test(response.text));
      const session = await sessionOf(browser);
      assert.equal(session.is_authenticated, true);
      assert.deepEqual(session.user, response.json);
    });

    it("records last_login", async () => {
      const { username, password, user } = await account();
      const response = await logIn(client(server.url), username, password);
      assert.equal(response.status, 200);
      assertUserShape(response.json);
      assert.ok(response.json.last_login);
      assert.ok(Date.parse(response.json.last_login) >= Date.parse(user.last_login ?? user.date_joined));
    });

    it("sets an HttpOnly, SameSite=Lax session cookie", async () => {
      const { username, password } = await account();
      const response = await logIn(client(server.url), username, password);
      const line = setCookieLine(response);
      assert.ok(line, JSON.stringify(response.setCookies));
      assert.match(line, /;\s*HttpOnly/i);
      assert.match(line, /;\s*SameSite=Lax/i);
    });

    it("treats the username case-insensitively and trims it", async () => {
      const { username, password, user } = await account({ username: uniqueName("Carol") });
      for (const spelling of [username.toLowerCase(), username.toUpperCase(), ` ${username} `]) {
        const response = await logIn(client(server.url), spelling, password);
        assert.equal(response.status, 200, `${spelling}: ${response.text}`);
        assert.equal((response.json as { id: string }).id, user.id);
      }
    });

    it("accepts a form-urlencoded body", async () => {
      const { username, password } = await account();
      const browser = client(server.url);
      const response = await browser.post(
        "/api/login",
        { username, password },
        { headers: { "content-type": "application/x-www-form-urlencoded" } },
      );
      assert.equal(response.status, 200, response.text);
      assert.equal((await sessionOf(browser)).is_authenticated, true);
    });

    it("issues a new session id at each login, and the old cookie stops working", async () => {
      const browser = client(server.url);
      const { username, password } = await registerAccount(browser);
      const before = await sessionIdOf(browser);
      const oldCookie = browser.cookie();
      assert.ok(oldCookie);

      const response = await logIn(browser, username, password);
      assert.equal(response.status, 200, response.text);
      const afterLogin = await sessionIdOf(browser);
      assert.notEqual(afterLogin, before);
      assert.notEqual(browser.cookie(), oldCookie);
      assert.equal(sessionRows("id = ?", before), 0, "the old session row survived");

      const replay = client(server.url);
      replay.setCookie("vestibule.session", oldCookie);
      await assertAnonymous(replay);
    });

    it("ignores a session cookie chosen by the client (no fixation)", async () => {
      const { username, password } = await account();
      const browser = client(server.url);
      browser.setCookie("vestibule.session", "attacker-chosen-session-value");
      const response = await logIn(browser, username, password);
      assert.equal(response.status, 200);
      assert.notEqual(browser.cookie(), "attacker-chosen-session-value");
      assert.equal((await sessionOf(browser)).is_authenticated, true);
    });
  });

  describe("failure", () => {
    it("gives the identical 400 for a wrong password and an unknown user", async () => {
      const { username } = await account();
      const wrong = await logIn(client(server.url), username, strongPassword());
      const unknown = await logIn(client(server.url), uniqueName("ghost"), strongPassword());
      assert.equal(wrong.status, 400);
      assert.equal(unknown.status, 400);
      assert.deepEqual(wrong.json, INVALID);
      assert.equal(wrong.text, unknown.text);
      assert.deepEqual(wrong.setCookies, unknown.setCookies);
      await assertInvalidLogin(username, strongPassword());
    });

    it("gives the same 400 for an inactive user with the right password", async () => {
      const browser = client(server.url);
      const { username, password, user } = await registerAccount(browser);
      withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET isActive = 0 WHERE id = ?`, user.id), {
        writable: true,
      });
      await assertInvalidLogin(username, password);
      // An inactive user authenticates with nothing: the session they already had is anonymous.
      await assertAnonymous(browser);
      const me = await browser.get("/api/me");
      assert.equal(me.status, 401);
    });

    it("requires both fields", async () => {
      const response = await client(server.url).post("/api/login", {});
      assert.equal(response.status, 400);
      assert.deepEqual(response.json, { username: ["This field is required."], password: ["This field is required."] });
      const blank = await client(server.url).post("/api/login", { username: "", password: "" });
      assert.equal(blank.status, 400);
      assert.deepEqual(blank.json, {
        username: ["This field may not be blank."],
        password: ["This field may not be blank."],
      });
    });

    it("does not truncate: a password's first 72 bytes are not the password", async () => {
      const password = `${strongPassword()}${"z".repeat(80)}`.slice(0, 80);
      assert.equal(Buffer.byteLength(password), 80);
      const { username } = await account({ password });
      await assertInvalidLogin(username, password.slice(0, 72));
      await assertInvalidLogin(username, `${password.slice(0, 72)}different`);
      const response = await logIn(client(server.url), username, password);
      assert.equal(response.status, 200, response.text);
    });

    it("does not truncate multi-byte passwords at 72 bytes either", async () => {
      const prefix = `Ωmega-X${"é".repeat(32)}`;
      assert.equal(Buffer.byteLength(prefix), 72);
      const password = `${prefix}${"é".repeat(8)}`;
      const { username } = await account({ password });
      await assertInvalidLogin(username, prefix);
      await assertInvalidLogin(username, `${password.slice(0, -1)}e`);
      assert.equal((await logIn(client(server.url), username, password)).status, 200);
    });

    it("does not trim passwords", async () => {
      const password = ` ${strongPassword()} `;
      const { username } = await account({ password });
      await assertInvalidLogin(username, password.trim());
      await assertInvalidLogin(username, password.trimStart());
      assert.equal((await logIn(client(server.url), username, password)).status, 200);
    });

    it("does not normalise passwords", async () => {
      const password = `ｐａｓｓ-${strongPassword()}`;
      const { username } = await account({ password });
      await assertInvalidLogin(username, password.normalize("NFKC"));
      assert.equal((await logIn(client(server.url), username, password)).status, 200);
    });

    it("treats passwords case-sensitively", async () => {
      const password = `Mixed-${strongPassword()}`;
      const { username } = await account({ password });
      await assertInvalidLogin(username, password.toLowerCase());
      await assertInvalidLogin(username, password.toUpperCase());
    });
  });

  describe("sessions of other users and devices", () => {
    it("leaves the current session as it was after a failed login", async () => {
      const browser = client(server.url);
      const { username, user } = await registerAccount(browser);
      const other = await account();
      const before = await sessionIdOf(browser);
      const cookie = browser.cookie();

      for (const attempt of [
        { username, password: strongPassword() },
        { username: other.username, password: strongPassword() },
        { username: uniqueName("ghost"), password: strongPassword() },
      ]) {
        const response = await logIn(browser, attempt.username, attempt.password);
        assert.equal(response.status, 400);
        assert.equal(setCookieLine(response), undefined, "a failed login touched the cookie");
      }
      const invalid = await browser.post("/api/login", { username: "" });
      assert.equal(invalid.status, 400);
      assert.equal(setCookieLine(invalid), undefined);

      assert.equal(browser.cookie(), cookie);
      assert.equal(await sessionIdOf(browser), before);
      assert.equal((await sessionOf(browser)).user?.id, user.id);
      assert.equal(sessionRows("id = ?", before), 1);
    });

    it("replaces the previous user's session entirely when another user logs in", async () => {
      const browser = client(server.url);
      const alice = await registerAccount(browser);
      const bob = await account();
      const aliceSession = await sessionIdOf(browser);
      const aliceCookie = browser.cookie();
      assert.ok(aliceCookie);

      const response = await logIn(browser, bob.username, bob.password);
      assert.equal(response.status, 200);
      const session = await sessionOf(browser);
      assert.equal(session.user?.id, bob.user.id);
      assert.notEqual(session.auth?.sessionId, aliceSession);
      assert.equal(sessionRows("id = ?", aliceSession), 0, "alice's session row survived");
      assert.equal(sessionRows("userId = ?", alice.user.id), 0);

      const replay = client(server.url);
      replay.setCookie("vestibule.session", aliceCookie);
      await assertAnonymous(replay);
    });

    it("leaves the same user's sessions on other devices alive", async () => {
      const laptop = client(server.url);
      const { username, password, user } = await registerAccount(laptop);
      const laptopSession = await sessionIdOf(laptop);

      const phone = client(server.url);
      assert.equal((await logIn(phone, username, password)).status, 200);
      const phoneSession = await sessionIdOf(phone);
      assert.notEqual(phoneSession, laptopSession);

      assert.equal(await sessionIdOf(laptop), laptopSession);
      assert.equal((await sessionOf(laptop)).user?.id, user.id);
      assert.equal(sessionRows("userId = ?", user.id), 2);

      // And logging in again on the phone leaves the laptop alone too.
      assert.equal((await logIn(phone, username, password)).status, 200);
      assert.equal(await sessionIdOf(laptop), laptopSession);
    });
  });

  it("leaks no password, hash or session cookie", () => {
    assertNoSecretsLeaked(server);
  });
});
