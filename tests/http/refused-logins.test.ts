// Refused logins are cheap and leave little behind: a known lock is answered without a database
// write, a locked username gets one login_throttled row per lock window however many attempts are
// refused, and audit rows older than AUDIT_RETENTION_DAYS are purged.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, strongPassword } from "../support/accounts";
import { client } from "../support/client";
import { withDb } from "../support/db";
import { eventually } from "../support/extra-auth";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const DAY_MS = 86_400_000;
const WINDOW_SECONDS = 15 * 60;
// The server's worker processes: each learns a lock from the database once. Set here, not taken
// from the machine's cores, so that the bound below is the same on a laptop and on CI.
const WORKERS = 1;

let server: TestServer;

function insertEvent(id: string, ageDays: number): void {
  const createdAt = new Date(Date.now() - ageDays * DAY_MS).toISOString().replace("Z", "+00:00");
  withDb(
    server.databasePath,
    (database) =>
      database.run(
        `INSERT INTO "AuthEvent" ("id", "event", "createdAt") VALUES (?, ?, ?)`,
        id,
        "login_failed",
        createdAt,
      ),
    { writable: true },
  );
}

const eventRows = (where: string, ...params: unknown[]) =>
  withDb(server.databasePath, (database) => database.count("AuthEvent", where, ...params));

const oldEvent = `old${randomBytes(6).toString("hex")}`;
const recentEvent = `recent${randomBytes(6).toString("hex")}`;

before(async () => {
  server = await startServer({
    THROTTLE_LOGIN_USERNAME: "3/15m",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_REGISTER: "1000/h",
    AUDIT_RETENTION_DAYS: "30",
    WEB_CONCURRENCY: String(WORKERS),
  });
  // Before the server's first session: the purge runs (at most hourly) when sessions are created.
  insertEvent(oldEvent, 31);
  insertEvent(recentEvent, 29);
});

after(async () => {
  await server?.stop();
});

describe("refused logins", () => {
  it("deletes audit rows older than AUDIT_RETENTION_DAYS, lazily, and keeps younger ones", async () => {
    await registerAccount(client(server.url));
    await eventually(
      () => eventRows(`"id" = ?`, oldEvent),
      (count) => count === 0,
      "the old audit row to be purged",
    );
    assert.equal(eventRows(`"id" = ?`, recentEvent), 1);
  });

  it("records one login_throttled per lock window, not one per refused attempt", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    for (let attempt = 0; attempt < 3; attempt += 1)
      assert.equal((await logIn(client(server.url), username, strongPassword())).status, 400);
    for (let attempt = 0; attempt < 12; attempt += 1)
      assertThrottled(
        await logIn(client(server.url), username, attempt % 2 ? password : strongPassword()),
        WINDOW_SECONDS,
      );
    assert.equal(eventRows(`"userId" = ? AND "event" = ?`, user.id, "login_throttled"), 1);
    assert.equal(eventRows(`"userId" = ? AND "event" = ?`, user.id, "login_failed"), 3);
  });

  it("counts refusals of a locked username as no failures of it: its count and window stand still", async () => {
    const { username } = await registerAccount(client(server.url));
    const counted = () =>
      withDb(server.databasePath, (database) =>
        database.get<{ failures: number; windowEnds: number | bigint }>(
          `SELECT "failures", "windowEnds" FROM "LoginCounter" WHERE "key" = ?`,
          `login-username:${username.toLowerCase()}`,
        ),
      );
    for (let attempt = 0; attempt < 3; attempt += 1) await logIn(client(server.url), username, strongPassword());
    const atLock = counted();
    assert.equal(atLock?.failures, 3, "three wrong passwords are three failures");
    for (let attempt = 0; attempt < 10; attempt += 1)
      assertThrottled(await logIn(client(server.url), username, strongPassword()), WINDOW_SECONDS);
    // Refused attempts checked no password: the count and its window stand still.
    assert.deepEqual(counted(), atLock);
  });
});
