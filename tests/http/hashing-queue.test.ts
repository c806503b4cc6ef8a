// A flood of logins must not queue for the hashing threads without bound: what cannot start
// within seconds is refused at once with a 503 and Retry-After, on the login API and basic auth.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, type Account } from "../support/accounts";
import { client, timed } from "../support/client";
import { basicHeader } from "../support/extra-auth";
import { startServer, type TestServer } from "../support/server";

const UNAVAILABLE = { detail: "Service temporarily unavailable." };

let server: TestServer;
let account: Account;

before(async () => {
  // Real hashing cost (about a quarter of a second each) and room for two waiting hashes only.
  // Behind one trusted proxy, so that the logins come from many addresses: one address's logins
  // wait in front of the app, a few at a time (tests/http/login-gate.test.ts).
  server = await startServer({
    TRUST_PROXY: "1",
    BCRYPT_ROUNDS: "12",
    PASSWORD_HASH_QUEUE: "2",
    THROTTLE_LOGIN_ADDRESS: "10000/15m",
    THROTTLE_LOGIN_USERNAME: "10000/15m",
  });
  account = await registerAccount(client(server.url));
  // Warm both routes: a cold route's first load would be timed below as a slow answer.
  assert.equal(
    (await client(server.url).post("/api/login", { username: account.username, password: account.password })).status,
    200,
  );
  assert.equal(
    (await client(server.url).get("/api/me", { headers: basicHeader(account.username, account.password) })).status,
    200,
  );
});

after(async () => {
  await server?.stop();
});

describe("password hashing queue", () => {
  it("answers 503 with Retry-After at once to logins and basic auth that the hashing threads cannot start soon", async () => {
    const results = await Promise.all([
      ...Array.from({ length: 24 }, (_, index) =>
        timed(() =>
          client(server.url).post(
            "/api/login",
            { username: account.username, password: account.password },
            { headers: { "x-forwarded-for": `203.0.113.${index + 1}` } },
          ),
        ),
      ),
      ...Array.from({ length: 12 }, () =>
        timed(() => client(server.url).get("/api/me", { headers: basicHeader(account.username, account.password) })),
      ),
    ]);
    const summary = results.map(({ response, ms }) => `${response.status}:${Math.round(ms)}`).join(" ");

    const statuses = results.map(({ response }) => response.status);
    assert.deepEqual(
      statuses.filter((status) => status !== 200 && status !== 503),
      [],
      "only served (200) or refused (503) answers",
    );
    const refused = results.filter(({ response }) => response.status === 503);
    assert.ok(refused.length > 0, `no 503: ${summary}`);
    assert.ok(statuses.includes(200), "nothing was served");
    // Refused on arrival, not after waiting behind the queue: sooner than the hashes that were
    // served. Relative, not a number of milliseconds: the machine may be shared and slow.
    const slowestServed = Math.max(...results.filter(({ response }) => response.status === 200).map(({ ms }) => ms));
    for (const { response, ms } of refused) {
      assert.deepEqual(response.json, UNAVAILABLE);
      assert.match(response.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
      assert.ok(ms < slowestServed, `a 503 took ${Math.round(ms)} ms, longer than a served hash (${summary})`);
    }
    assert.ok(statuses.slice(0, 24).includes(503), "no login was refused");
    assert.ok(statuses.slice(24).includes(503), "no basic-authenticated request was refused");
  });
});
