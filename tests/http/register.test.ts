import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertUserShape, registerAccount, sessionOf, strongPassword, uniqueName } from "../support/accounts";
import { client, setCookieLine, SESSION_COOKIE } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const REQUIRED = "This field is required.";
const BLANK = "This field may not be blank.";
const TAKEN = "A user with that username already exists.";
const INVALID_USERNAME =
  "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
const TOO_SHORT = "This password is too short. It must contain at least 8 characters.";
const TOO_COMMON = "This password is too common.";
const NUMERIC = "This password is entirely numeric.";
const SIMILAR_USERNAME = "The password is too similar to the username.";
const FOURTEEN_DAYS_MS = 14 * 24 * 3600 * 1000;

let server: TestServer;

before(async () => {
  // Many registrations from one address: the registration throttle has its own file.
  server = await startServer({ THROTTLE_REGISTER: "1000/h" });
});

after(async () => {
  await server?.stop();
});

function userCount(where = "1 = 1", ...params: unknown[]): number {
  return withDb(server.databasePath, (database) => database.count("User", where, ...params));
}

/** Posts a registration that must fail, and asserts its exact 400 body and that nothing was stored. */
async function assertRefused(body: Record<string, unknown>, expected: Record<string, string[]>): Promise<void> {
  const before = userCount();
  const browser = client(server.url);
  const response = await browser.post("/api/register", body);
  assert.equal(response.status, 400, response.text);
  assert.deepEqual(response.json, expected);
  assert.equal(setCookieLine(response), undefined, "a refused registration set a session cookie");
  assert.equal(userCount(), before, "a refused registration wrote a user row");
}

describe("POST /api/register", () => {
  describe("success", () => {
    it("answers 201 with exactly the user object, and no password or hash", async () => {
      const username = uniqueName("alice");
      const password = strongPassword();
      const response = await client(server.url).post("/api/register", {
        username,
        password,
        first_name: "Alice",
        last_name: "Smith",
        email: "alice@example.com",
      });
      assert.equal(response.status, 201, response.text);
      assertUserShape(response.json);
      const user = response.json;
      assert.equal(user.username, username);
      assert.equal(user.first_name, "Alice");
      assert.equal(user.last_name, "Smith");
      assert.equal(user.email, "alice@example.com");
      assert.equal(user.is_staff, false);
      assert.ok(Math.abs(Date.parse(user.date_joined) - Date.now()) < 60_000, "date_joined is not now");
      assert.ok(!response.text.includes(password));
      assert.ok(!/password|bcrypt/i.test(response.text), response.text);
    });

    it("sets an HttpOnly, SameSite=Lax session cookie (not Secure over http)", async () => {
      const response = await client(server.url).post("/api/register", {
        username: uniqueName(),
        password: strongPassword(),
      });
      assert.equal(response.status, 201);
      const line = setCookieLine(response);
      assert.ok(line, `no ${SESSION_COOKIE} cookie in ${JSON.stringify(response.setCookies)}`);
      assert.match(line, /;\s*HttpOnly/i);
      assert.match(line, /;\s*SameSite=Lax/i);
      assert.match(line, /;\s*Path=\//i);
      assert.doesNotMatch(line, /;\s*Secure/i);
    });

    it("believes no X-Forwarded-Proto without a trusted proxy: the cookie stays plain", async () => {
      const response = await client(server.url).post(
        "/api/register",
        { username: uniqueName(), password: strongPassword() },
        { headers: { "x-forwarded-proto": "https" } },
      );
      assert.equal(response.status, 201);
      const line = setCookieLine(response);
      assert.ok(line, `no ${SESSION_COOKIE} cookie in ${JSON.stringify(response.setCookies)}`);
      assert.doesNotMatch(line, /;\s*Secure/i);
    });

    it("keeps the session for 14 days by default, as Django does", async () => {
      const started = Date.now();
      const response = await client(server.url).post("/api/register", {
        username: uniqueName(),
        password: strongPassword(),
      });
      assert.equal(response.status, 201);
      const line = setCookieLine(response) ?? "";
      const maxAge = /;\s*Max-Age=(\d+)/i.exec(line);
      const expires = /;\s*Expires=([^;]+)/i.exec(line);
      const expiry = maxAge ? started + Number(maxAge[1]) * 1000 : Date.parse(expires?.[1] ?? "");
      assert.ok(Math.abs(expiry - (started + FOURTEEN_DAYS_MS)) < 120_000, `cookie: ${line}`);
    });

    it("logs the new user in", async () => {
      const browser = client(server.url);
      const { user } = await registerAccount(browser);
      const session = await sessionOf(browser);
      assert.equal(session.is_authenticated, true);
      assert.deepEqual(session.user, user);
      assert.equal(session.auth?.scheme, "session");
      assert.equal(typeof session.auth?.sessionId, "string");
      const me = await browser.get("/api/me");
      assert.equal(me.status, 200);
      assert.deepEqual(me.json, user);
    });

    it("defaults the optional fields to empty strings", async () => {
      const { user } = await registerAccount(client(server.url));
      assert.equal(user.first_name, "");
      assert.equal(user.last_name, "");
      assert.equal(user.email, "");
    });

    it("accepts a form-urlencoded body", async () => {
      const browser = client(server.url);
      const username = uniqueName("form");
      const response = await browser.post(
        "/api/register",
        { username, password: strongPassword(), last_name: "Smith" },
        { headers: { "content-type": "application/x-www-form-urlencoded" } },
      );
      assert.equal(response.status, 201, response.text);
      assertUserShape(response.json);
      assert.equal(response.json.username, username);
      assert.equal(response.json.last_name, "Smith");
      assert.equal((await sessionOf(browser)).is_authenticated, true);
    });

    it("accepts JSON with a charset parameter", async () => {
      const response = await client(server.url).post(
        "/api/register",
        { username: uniqueName(), password: strongPassword() },
        { headers: { "content-type": "application/json; charset=utf-8" } },
      );
      assert.equal(response.status, 201, response.text);
    });

    it("ignores unknown fields and fields a client may not set", async () => {
      const username = uniqueName("sneaky");
      const response = await client(server.url).post("/api/register", {
        username,
        password: strongPassword(),
        id: "chosen-id",
        is_staff: true,
        is_superuser: true,
        is_active: false,
        date_joined: "2000-01-01T00:00:00.000Z",
        last_login: "2000-01-01T00:00:00.000Z",
        favourite_colour: "green",
      });
      assert.equal(response.status, 201, response.text);
      assertUserShape(response.json);
      assert.notEqual(response.json.id, "chosen-id");
      assert.equal(response.json.is_staff, false);
      assert.notEqual(response.json.date_joined, "2000-01-01T00:00:00.000Z");
      const row = withDb(server.databasePath, (database) =>
        database.get<{ id: string; isStaff: number; isSuperuser: number; isActive: number }>(
          `SELECT id, isStaff, isSuperuser, isActive FROM "User" WHERE username = ?`,
          username,
        ),
      );
      assert.deepEqual(row, { id: response.json.id, isStaff: 0, isSuperuser: 0, isActive: 1 });
    });

    it("stores only a bcrypt_sha256 hash of the password", async () => {
      const { username, password } = await registerAccount(client(server.url));
      const stored = withDb(server.databasePath, (database) =>
        database.get<{ password: string }>(`SELECT password FROM "User" WHERE username = ?`, username),
      );
      assert.ok(stored);
      assert.match(stored.password, /^bcrypt_sha256\$\$2[aby]\$\d\d\$/);
      assert.ok(!stored.password.includes(password));
    });
  });

  describe("username", () => {
    it("is required", async () => {
      await assertRefused({ password: strongPassword() }, { username: [REQUIRED] });
    });

    it("reports every missing field at once", async () => {
      await assertRefused({}, { username: [REQUIRED], password: [REQUIRED] });
    });

    it("may not be blank, even after trimming", async () => {
      await assertRefused({ username: "", password: strongPassword() }, { username: [BLANK] });
      await assertRefused({ username: "   ", password: strongPassword() }, { username: [BLANK] });
    });

    it("takes a number as its text, as DRF's CharField does", async () => {
      const digits = Number(`9${Date.now() % 1_000_000_000}`);
      const response = await client(server.url).post("/api/register", { username: digits, password: strongPassword() });
      assert.equal(response.status, 201, response.text);
      assert.equal((response.json as { username: string }).username, String(digits));
    });

    it("may not be null or a boolean", async () => {
      await assertRefused(
        { username: null, password: strongPassword() },
        { username: ["This field may not be null."] },
      );
      await assertRefused({ username: true, password: strongPassword() }, { username: ["Not a valid string."] });
    });

    it("is at most 150 characters", async () => {
      await assertRefused(
        { username: "a".repeat(151), password: strongPassword() },
        { username: ["Ensure this field has no more than 150 characters."] },
      );
      const longest = `${uniqueName("l")}${"a".repeat(150)}`.slice(0, 150);
      const response = await client(server.url).post("/api/register", {
        username: longest,
        password: strongPassword(),
      });
      assert.equal(response.status, 201, response.text);
    });

    for (const bad of ["bad name", "semi;colon", "slash/name", "quote'name", "<script>", "emoji😀", "hash#tag"]) {
      it(`refuses the characters of ${JSON.stringify(bad)}`, async () => {
        await assertRefused({ username: bad, password: strongPassword() }, { username: [INVALID_USERNAME] });
      });
    }

    it("accepts letters of any script, digits and @ . + - _", async () => {
      for (const username of [
        `${uniqueName()}@example.com`,
        `a.b+c-d_${uniqueName()}`,
        `Ünïcødé${uniqueName()}`,
        `用户${uniqueName()}`,
      ]) {
        const response = await client(server.url).post("/api/register", { username, password: strongPassword() });
        assert.equal(response.status, 201, `${username}: ${response.text}`);
        assert.equal((response.json as { username: string }).username, username);
      }
    });

    it("is trimmed", async () => {
      const username = uniqueName("trim");
      const response = await client(server.url).post("/api/register", {
        username: `  ${username}\t`,
        password: strongPassword(),
      });
      assert.equal(response.status, 201, response.text);
      assert.equal((response.json as { username: string }).username, username);
    });

    it("is NFKC-normalised: full-width letters register as ASCII", async () => {
      const ascii = uniqueName("foo");
      const fullWidth = [...ascii].map((char) => String.fromCodePoint(char.codePointAt(0)! + 0xfee0)).join("");
      assert.notEqual(fullWidth, ascii);
      const response = await client(server.url).post("/api/register", {
        username: fullWidth,
        password: strongPassword(),
      });
      assert.equal(response.status, 201, response.text);
      assert.equal((response.json as { username: string }).username, ascii);
      await assertRefused({ username: ascii, password: strongPassword() }, { username: [TAKEN] });
    });

    it("registers ｆｏｏ as foo", async () => {
      const response = await client(server.url).post("/api/register", {
        username: "ｆｏｏ",
        password: strongPassword(),
      });
      assert.equal(response.status, 201, response.text);
      assert.equal((response.json as { username: string }).username, "foo");
    });

    it("is unique", async () => {
      const { username } = await registerAccount(client(server.url));
      await assertRefused({ username, password: strongPassword() }, { username: [TAKEN] });
    });

    it("is unique case-insensitively: Alice and alice are one account", async () => {
      const name = uniqueName("Alice");
      await registerAccount(client(server.url), { username: name });
      await assertRefused({ username: name.toLowerCase(), password: strongPassword() }, { username: [TAKEN] });
      await assertRefused({ username: name.toUpperCase(), password: strongPassword() }, { username: [TAKEN] });
    });

    it("lets exactly one of 20 concurrent registrations of one name win", async () => {
      const username = uniqueName("race");
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          client(server.url).post("/api/register", {
            username: index % 2 ? username.toUpperCase() : username,
            password: strongPassword(),
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      assert.equal(statuses.filter((status) => status === 201).length, 1, `statuses: ${statuses.join(", ")}`);
      for (const response of responses.filter((r) => r.status !== 201)) {
        assert.equal(response.status, 400, response.text);
        assert.deepEqual(response.json, { username: [TAKEN] });
      }
      assert.equal(userCount("lower(username) = lower(?)", username), 1);
    });
  });

  describe("password", () => {
    it("is required and may not be blank", async () => {
      await assertRefused({ username: uniqueName() }, { password: [REQUIRED] });
      await assertRefused({ username: uniqueName(), password: "" }, { password: [BLANK] });
    });

    it("must have at least 8 characters", async () => {
      await assertRefused({ username: uniqueName(), password: "xK7#qLz" }, { password: [TOO_SHORT] });
    });

    it("may not be entirely numeric", async () => {
      await assertRefused({ username: uniqueName(), password: "8274619305" }, { password: [NUMERIC] });
    });

    it("may not be a common password", async () => {
      await assertRefused({ username: uniqueName(), password: "qwertyuiop" }, { password: [TOO_COMMON] });
      await assertRefused({ username: uniqueName(), password: "Password1" }, { password: [TOO_COMMON] });
    });

    it("may not be too similar to the username", async () => {
      const username = uniqueName("sunflower");
      await assertRefused({ username, password: `${username}!` }, { password: [SIMILAR_USERNAME] });
    });

    it("may not be too similar to the names or the email", async () => {
      await assertRefused(
        { username: uniqueName(), password: "Bartholomew-Q", first_name: "Bartholomew" },
        { password: ["The password is too similar to the first name."] },
      );
      await assertRefused(
        { username: uniqueName(), password: "Vandersloot9", last_name: "Vandersloot" },
        { password: ["The password is too similar to the last name."] },
      );
      await assertRefused(
        { username: uniqueName(), password: "marigoldsky7", email: "marigoldsky@example.com" },
        { password: ["The password is too similar to the email address."] },
      );
    });

    it("reports every failing validator", async () => {
      await assertRefused(
        { username: uniqueName(), password: "123456" },
        { password: [TOO_SHORT, TOO_COMMON, NUMERIC] },
      );
    });

    it("is at most 4096 characters", async () => {
      const tooLong = `${strongPassword()}${"x".repeat(4097)}`.slice(0, 4097);
      await assertRefused(
        { username: uniqueName(), password: tooLong },
        { password: ["Ensure this field has no more than 4096 characters."] },
      );
      const longest = `${strongPassword()}${"y".repeat(4096)}`.slice(0, 4096);
      const response = await client(server.url).post("/api/register", { username: uniqueName(), password: longest });
      assert.equal(response.status, 201, response.text);
    });

    it("reports username and password problems together", async () => {
      const { username } = await registerAccount(client(server.url));
      await assertRefused({ username, password: "xK7#qLz" }, { username: [TAKEN], password: [TOO_SHORT] });
    });
  });

  describe("email and names", () => {
    for (const email of ["not-an-email", "a@", "@example.com", "a b@example.com"]) {
      it(`refuses the email ${JSON.stringify(email)}`, async () => {
        await assertRefused(
          { username: uniqueName(), password: strongPassword(), email },
          { email: ["Enter a valid email address."] },
        );
      });
    }

    it("limits first and last names to 150 characters", async () => {
      await assertRefused(
        { username: uniqueName(), password: strongPassword(), first_name: "n".repeat(151) },
        { first_name: ["Ensure this field has no more than 150 characters."] },
      );
      await assertRefused(
        { username: uniqueName(), password: strongPassword(), last_name: "n".repeat(151) },
        { last_name: ["Ensure this field has no more than 150 characters."] },
      );
    });
  });

  it("leaks no password, hash or session cookie", () => {
    assertNoSecretsLeaked(server);
  });
});
