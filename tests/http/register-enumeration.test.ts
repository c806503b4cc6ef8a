import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const HOUR = 3600;
const TAKEN = { username: ["A user with that username already exists."] };

let server: TestServer;
let existing: string;

before(async () => {
  // THROTTLE_REGISTER at its default: 10 per hour per address.
  server = await startServer();
  // Written straight to the table, so that no registration from this address has counted yet.
  existing = uniqueName("victim");
  withDb(
    server.databasePath,
    (database) =>
      database.run(
        `INSERT INTO "User" (id, username, usernameKey, password) VALUES (?, ?, ?, 'bcrypt_sha256$unused')`,
        randomUUID(),
        existing,
        existing,
      ),
    { writable: true },
  );
});

after(async () => {
  await server?.stop();
});

describe("Probing usernames through POST /api/register (THROTTLE_REGISTER at its default, 10/h)", () => {
  it("counts every 'already exists' answer: the 11th probe from one address is 429", async () => {
    for (let probe = 1; probe <= 10; probe += 1) {
      const username = probe % 2 ? existing : existing.toUpperCase();
      const response = await client(server.url).post("/api/register", { username, password: strongPassword() });
      assert.equal(response.status, 400, `probe ${probe}: ${response.text}`);
      assert.deepEqual(response.json, TAKEN);
    }
    assertThrottled(
      await client(server.url).post("/api/register", { username: existing, password: strongPassword() }),
      HOUR,
    );
  });

  it("then answers 429 for a free username too, so the answer no longer tells which names exist", async () => {
    assertThrottled(
      await client(server.url).post("/api/register", { username: uniqueName("free"), password: strongPassword() }),
      HOUR,
    );
    assertThrottled(await client(server.url).post("/api/register", { username: existing, password: "xK7#qLz" }), HOUR);
    assertThrottled(
      await client(server.url).post(
        "/api/register",
        { username: existing, password: strongPassword() },
        { headers: { "x-forwarded-for": "198.51.100.7" } },
      ),
      HOUR,
    );
    assert.equal(
      withDb(server.databasePath, (database) => database.count("User")),
      1,
    );
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
