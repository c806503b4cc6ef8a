import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { db } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { POSTGRES_URL, startServer, type TestServer } from "../support/server";

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h" });
});

after(async () => {
  await server?.stop();
});

describe("Faults", () => {
  // SQLite's file lock; on PostgreSQL, tests/http/outage.test.ts stops a whole cluster instead.
  it(
    "answers 503 without internals while the database refuses writes, and recovers",
    { skip: POSTGRES_URL ? "SQLite only" : false },
    async () => {
      await registerAccount(client(server.url));
      const locker = db(server.databasePath, { writable: true });
      const username = uniqueName("blocked");
      let response;
      try {
        locker.run("BEGIN EXCLUSIVE");
        response = await client(server.url).post("/api/register", { username, password: strongPassword() });
      } finally {
        locker.run("ROLLBACK");
        locker.close();
      }
      assert.equal(response.status, 503, response.text);
      assert.deepEqual(response.json, { detail: "Service temporarily unavailable." });
      const retry = await client(server.url).post("/api/register", { username, password: strongPassword() });
      assert.equal(retry.status, 201, retry.text);
    },
  );
});

it("leaks no password, hash or session cookie", { skip: POSTGRES_URL ? "SQLite only" : false }, () => {
  assertNoSecretsLeaked(server);
});
