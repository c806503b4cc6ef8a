// Review finding 4: failed passkey sign-ins were free (30 garbage credentials from one address:
// all 400, each a login_failed row kept a year), and challenges were handed out without bound.
// Now they count as failed logins of the address, and challenges are limited per address.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { client } from "../support/client";
import { withDb } from "../support/db";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const ADDRESS_LIMIT = 6;
const OPTIONS_LIMIT = 8;
const WINDOW_SECONDS = 15 * 60;
const GARBAGE = { credential: { id: "unknown", rawId: "unknown", type: "public-key", response: {} } };

let server: TestServer;

before(async () => {
  server = await startServer({
    THROTTLE_LOGIN_ADDRESS: `${ADDRESS_LIMIT}/15m`,
    THROTTLE_PASSKEY_OPTIONS: `${OPTIONS_LIMIT}/15m`,
  });
});

after(async () => {
  await server?.stop();
});

const rows = (event: string) =>
  withDb(server.databasePath, (database) => database.count("AuthEvent", `"event" = ?`, event));

describe("failed passkey sign-ins from one address", () => {
  it("count against the address like failed logins: 429 past its limit, and one audit row per failure checked", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const response = await client(server.url).post("/api/login/passkey", GARBAGE);
      statuses.push(response.status);
      if (response.status === 429) assertThrottled(response, WINDOW_SECONDS);
    }
    assert.deepEqual(statuses, [...Array(ADDRESS_LIMIT).fill(400), ...Array(30 - ADDRESS_LIMIT).fill(429)]);
    assert.equal(rows("login_failed"), ADDRESS_LIMIT);
    assert.equal(rows("login_throttled"), 1, "one login_throttled per lock window");
  });

  it("bound the challenges one address is handed: 429 past THROTTLE_PASSKEY_OPTIONS, no row written", async () => {
    const challenges = () => withDb(server.databasePath, (database) => database.count("WebAuthnChallenge"));
    const before = challenges();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < OPTIONS_LIMIT + 4; attempt += 1)
      statuses.push((await client(server.url).post("/api/login/passkey/options")).status);
    assert.deepEqual(statuses, [...Array(OPTIONS_LIMIT).fill(200), ...Array(4).fill(429)]);
    assert.equal(challenges() - before, OPTIONS_LIMIT);
  });
});
