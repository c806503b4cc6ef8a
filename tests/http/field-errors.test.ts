import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, type Account } from "../support/accounts";
import { client, setCookieLine, type Client } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

// DRF collects every field's errors, the password validators' included, before it answers: one
// 400 tells a client everything that is wrong with the body, not one field at a time.

const REQUIRED = "This field is required.";
const BLANK = "This field may not be blank.";
const INVALID_USERNAME =
  "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
const INVALID_EMAIL = "Enter a valid email address.";
const TOO_SHORT = "This password is too short. It must contain at least 8 characters.";
const TOO_COMMON = "This password is too common.";
const NUMERIC = "This password is entirely numeric.";
const SIMILAR = (attribute: string) => `The password is too similar to the ${attribute}.`;

let server: TestServer;
let member: Client;
let account: Account;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
  member = client(server.url);
  account = await registerAccount(member);
});

after(async () => {
  await server?.stop();
});

const userCount = () => withDb(server.databasePath, (database) => database.count("User"));

async function assertAllErrors(
  as: Client,
  path: string,
  body: Record<string, unknown>,
  expected: Record<string, string[]>,
): Promise<void> {
  const response = await as.post(path, body);
  assert.equal(response.status, 400, response.text);
  assert.deepEqual(response.json, expected);
  assert.equal(setCookieLine(response), undefined);
}

describe("POST /api/register answers every field's errors at once", () => {
  it("says the username is required and the password too short in one answer", async () => {
    const users = userCount();
    await assertAllErrors(
      client(server.url),
      "/api/register",
      { password: "short1!" },
      { username: [REQUIRED], password: [TOO_SHORT] },
    );
    assert.equal(userCount(), users);
  });

  it("runs every password validator beside the other fields' errors, the common-password check included", async () => {
    await assertAllErrors(
      client(server.url),
      "/api/register",
      { username: "", password: "12345" },
      { username: [BLANK], password: [TOO_SHORT, TOO_COMMON, NUMERIC] },
    );
    await assertAllErrors(
      client(server.url),
      "/api/register",
      { username: "no spaces", email: "nope", password: "qwertyuiop" },
      { username: [INVALID_USERNAME], email: [INVALID_EMAIL], password: [TOO_COMMON] },
    );
  });

  it("compares the password with the attributes that were given, though another field failed", async () => {
    await assertAllErrors(
      client(server.url),
      "/api/register",
      { first_name: "Leonardo", password: "Leonardo-7" },
      { username: [REQUIRED], password: [SIMILAR("first name")] },
    );
  });

  it("still reports a password that is not text as the field's own error, without the validators", async () => {
    await assertAllErrors(
      client(server.url),
      "/api/register",
      { password: ["x"] },
      { username: [REQUIRED], password: ["Not a valid string."] },
    );
  });
});

describe("POST /api/password/change answers every field's errors at once", () => {
  it("says the old password is required and the new one too short", async () => {
    await assertAllErrors(
      member,
      "/api/password/change",
      { new_password: "short1!" },
      { old_password: [REQUIRED], new_password: [TOO_SHORT] },
    );
  });

  it("compares the new password with the user's own attributes", async () => {
    await assertAllErrors(
      member,
      "/api/password/change",
      { old_password: "", new_password: `Xy${account.username}` },
      { old_password: [BLANK], new_password: [SIMILAR("username")] },
    );
  });

  it("changes nothing: the old password still logs in", async () => {
    assert.equal((await logIn(client(server.url), account.username, account.password)).status, 200);
  });
});

describe("POST /api/password/reset/confirm answers every field's errors at once", () => {
  it("says the uid and token are required and the new password too short", async () => {
    await assertAllErrors(
      client(server.url),
      "/api/password/reset/confirm",
      { new_password: "short1!" },
      { uid: [REQUIRED], token: [REQUIRED], new_password: [TOO_SHORT] },
    );
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
