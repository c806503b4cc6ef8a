import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, sessionOf, uniqueName, type Account } from "../support/accounts";
import { client, SESSION_COOKIE, setCookieLine, type Client } from "../support/client";
import { withDb } from "../support/db";
import {
  assertUnauthorized,
  basicHeader,
  createToken,
  INVALID_LOGIN,
  INVALID_TOKEN,
  NOT_AUTHENTICATED,
  PERMISSION_DENIED,
  tokenHeader,
} from "../support/extra-auth";
import { enableTotp } from "../support/mfa";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const WRONG_PASSWORD = { password: ["Your password was entered incorrectly. Please enter it again."] };
const EXPORT_KEYS = ["connections", "events", "exported_at", "passkeys", "second_factor", "sessions", "tokens", "user"];

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

type Person = Account & { browser: Client };

async function person(fields: Record<string, unknown> = {}): Promise<Person> {
  const browser = client(server.url);
  return { ...(await registerAccount(browser, fields)), browser };
}

const rowsOf = (table: string, userId: string) =>
  withDb(server.databasePath, (database) => database.count(table, "userId = ?", userId));

describe("GET /api/me/export", () => {
  it("needs a signed-in user", async () => {
    assertUnauthorized(await client(server.url).get("/api/me/export"), NOT_AUTHENTICATED);
  });

  it("gives everything kept about the caller as one downloadable JSON document, without a secret", async () => {
    const someone = await person({ email: `${uniqueName("data")}@example.org`, first_name: "Ada" });
    const token = await createToken(someone.browser, { name: "backup script" });
    const { secret, recoveryCodes } = await enableTotp(someone.browser, someone.password);
    const response = await someone.browser.get("/api/me/export");
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename="[\w.-]+\.json"$/);
    const data = response.json as Record<string, unknown> & {
      user: Record<string, unknown>;
      sessions: Array<{ current: boolean }>;
      tokens: Array<Record<string, unknown>>;
      second_factor: { totp: boolean; recovery_codes_left: number };
      events: Array<{ event: string }>;
    };
    assert.deepEqual(Object.keys(data).sort(), EXPORT_KEYS);
    assert.equal(data.user.username, someone.username);
    assert.equal(data.user.first_name, "Ada");
    assert.equal(data.user.email_verified, false);
    assert.equal(data.user.is_active, true);
    assert.deepEqual([data.user.groups, data.user.user_permissions], [[], []]);
    assert.deepEqual(
      data.sessions.map((session) => session.current),
      [true],
    );
    assert.deepEqual(
      data.tokens.map((entry) => [entry.name, "key" in entry]),
      [["backup script", false]],
    );
    assert.deepEqual(data.second_factor, { totp: true, recovery_codes_left: 10 });
    assert.deepEqual(data.connections, []);
    const events = data.events.map((entry) => entry.event);
    for (const event of ["register", "login", "token_created", "mfa_enabled"])
      assert.ok(events.includes(event), `${event} is missing from ${events.join()}`);
    for (const secretText of [token.key, secret, ...recoveryCodes, someone.password])
      assert.ok(!response.text.includes(secretText), "the export holds a secret");
    assert.ok(!response.text.includes("bcrypt"), "the export holds a password hash");
  });

  it("answers a token's or basic credentials' caller too", async () => {
    const someone = await person();
    const { key } = await createToken(someone.browser);
    for (const headers of [tokenHeader(key), basicHeader(someone.username, someone.password)]) {
      const response = await client(server.url).get("/api/me/export", { headers });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual((response.json as { sessions: unknown[] }).sessions.length, 1);
    }
  });
});

describe("DELETE /api/me", () => {
  it("needs the password, and leaves everything as it was without the right one", async () => {
    const someone = await person();
    const missing = await someone.browser.request("DELETE", "/api/me", {});
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, { password: ["This field is required."] });
    const wrong = await someone.browser.request("DELETE", "/api/me", { password: "Not-the-password-9" });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.json, WRONG_PASSWORD);
    assert.equal((await sessionOf(someone.browser)).is_authenticated, true);
  });

  it("is refused to a token or basic credentials (a browser session only)", async () => {
    const someone = await person();
    const { key } = await createToken(someone.browser);
    for (const headers of [tokenHeader(key), basicHeader(someone.username, someone.password)]) {
      const response = await client(server.url).request(
        "DELETE",
        "/api/me",
        { password: someone.password },
        { headers },
      );
      assert.equal(response.status, 403, response.text);
      assert.deepEqual(response.json, PERMISSION_DENIED);
    }
    assert.equal((await someone.browser.get("/api/me")).status, 200);
  });

  it("deletes the account with its sessions, tokens and second factors; the audit rows stay without the person", async () => {
    const someone = await person();
    const other = client(server.url);
    assert.equal((await logIn(other, someone.username, someone.password)).status, 200);
    const { key } = await createToken(someone.browser);
    await enableTotp(someone.browser, someone.password);
    const events = rowsOf("AuthEvent", someone.user.id);
    const anonymousBefore = withDb(server.databasePath, (database) => database.count("AuthEvent", "userId IS NULL"));

    const response = await someone.browser.request("DELETE", "/api/me", { password: someone.password });
    assert.equal(response.status, 204, response.text);
    assert.ok(setCookieLine(response, SESSION_COOKIE), "the session cookie was not cleared");
    assert.equal(someone.browser.cookie(), undefined);
    // Every event of the account stays, with the deletion itself, naming nobody.
    const anonymousAfter = withDb(server.databasePath, (database) => database.count("AuthEvent", "userId IS NULL"));
    assert.equal(anonymousAfter, anonymousBefore + events + 1);
    assert.equal(
      withDb(server.databasePath, (database) => database.count("AuthEvent", "event = 'account_deleted'")) >= 1,
      true,
    );

    assert.equal((await sessionOf(other)).is_authenticated, false);
    assertUnauthorized(await client(server.url).get("/api/me", { headers: tokenHeader(key) }), INVALID_TOKEN);
    const login = await logIn(client(server.url), someone.username, someone.password);
    assert.deepEqual([login.status, login.json], [400, INVALID_LOGIN]);
    for (const table of [
      "Session",
      "ApiToken",
      "TotpDevice",
      "RecoveryCode",
      "Passkey",
      "LoginTicket",
      "Account",
      "AuthEvent",
    ])
      assert.equal(rowsOf(table, someone.user.id), 0, table);
    assert.equal(
      withDb(server.databasePath, (database) => database.count("User", "id = ?", someone.user.id)),
      0,
    );
    // The username is free again.
    assert.equal(
      (await client(server.url).post("/api/register", { username: someone.username, password: someone.password }))
        .status,
      201,
    );
  });

  it("refuses the last active superuser, and lets one of two go", async () => {
    const first = await person({ username: uniqueName("root") });
    const second = await person({ username: uniqueName("root") });
    withDb(
      server.databasePath,
      (database) =>
        database.run(
          `UPDATE "User" SET isSuperuser = 1, isStaff = 1 WHERE id IN (?, ?)`,
          first.user.id,
          second.user.id,
        ),
      { writable: true },
    );
    assert.equal((await first.browser.request("DELETE", "/api/me", { password: first.password })).status, 204);
    const refused = await second.browser.request("DELETE", "/api/me", { password: second.password });
    assert.equal(refused.status, 403, refused.text);
    assert.deepEqual(refused.json, PERMISSION_DENIED);
    assert.equal((await second.browser.get("/api/me")).status, 200);
  });

  it("needs a signed-in user, and leaks no secret", async () => {
    assertUnauthorized(
      await client(server.url).request("DELETE", "/api/me", { password: "whatever-1" }),
      NOT_AUTHENTICATED,
    );
    assertNoSecretsLeaked(server);
  });
});
