// When PostgreSQL goes away, requests get a quick 503 (no hang), and the app recovers by itself
// when it is back. On a throwaway cluster of the test's own; under `npm run test:postgres` only
// (the app must be built for PostgreSQL), and only where PostgreSQL's programs are installed.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { registerAccount } from "../support/accounts";
import { client, type Client } from "../support/client";
import { POSTGRES_URL, startServer, type TestServer } from "../support/server";
import { postgresBin, throwawayCluster, type Cluster } from "../support/throwaway-postgres";

const bin = postgresBin();
const skip = !POSTGRES_URL
  ? "PostgreSQL runs only (npm run test:postgres)"
  : !bin
    ? "no PostgreSQL programs on this machine"
    : false;

// Bounds, not timings: a request that hangs fails the test instead of stalling the suite.
const REQUEST_BOUND_MS = 15_000;
const RECOVERY_ATTEMPTS = 60;

describe("A database outage", { skip }, () => {
  let cluster: Cluster;
  let server: TestServer;
  let browser: Client;

  before(async () => {
    cluster = await throwawayCluster(bin as string);
    server = await startServer({ AUTH_SECRET: randomBytes(32).toString("base64url") }, { databaseUrl: cluster.url });
    browser = client(server.url);
    await registerAccount(browser);
  });

  after(async () => {
    await server?.stop();
    cluster?.destroy();
  });

  const me = () =>
    fetch(`${server.url}/api/me`, {
      headers: { cookie: `vestibule.session=${browser.cookie()}` },
      signal: AbortSignal.timeout(REQUEST_BOUND_MS),
    });

  it("answers 503 without internals while the database is down, and recovers without a restart", async () => {
    assert.equal((await me()).status, 200);

    cluster.stop();
    for (let i = 0; i < 3; i++) {
      const response = await me();
      const text = await response.text();
      assert.equal(response.status, 503, text);
      assert.deepEqual(JSON.parse(text), { detail: "Service temporarily unavailable." });
    }
    const anonymous = await fetch(`${server.url}/api/session`, { signal: AbortSignal.timeout(REQUEST_BOUND_MS) });
    assert.equal(anonymous.status, 200, "a request that needs no database still works");

    cluster.start();
    let status = 0;
    for (let attempt = 0; attempt < RECOVERY_ATTEMPTS && status !== 200; attempt++) {
      status = (await me()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(status, 200, "the app answers again once the database is back");
    assert.ok(!/ at .*\(/.test(server.output()), "no stack trace in the server's output");
  });
});
