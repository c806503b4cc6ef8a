// Hashes are served in the order they were asked for. piscina put a task it could not hand to a
// busy thread back at the tail of its queue, so under a steady stream of logins one of them could
// wait behind every later one, for as long as the stream lasted (seen: 10 s, until the client gave
// up). lib/passwords.ts asks for stricter FIFO.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, type Account } from "../support/accounts";
import { client } from "../support/client";
import { startServer, type TestServer } from "../support/server";

// Eight clients logging in again and again for this long, on one hashing thread.
const CLIENTS = 8;
const LOAD_MS = 6_000;

let server: TestServer;
let account: Account;

before(async () => {
  // Cost 10 (about 70 ms a hash): the eight clients keep the one thread's queue full. Behind one
  // trusted proxy, each client from an address of its own, so that no login waits in front of
  // the app (tests/http/login-gate.test.ts) rather than for the hashing thread.
  server = await startServer({
    TRUST_PROXY: "1",
    BCRYPT_ROUNDS: "10",
    HASH_THREADS: "1",
    PASSWORD_HASH_QUEUE: "100",
    THROTTLE_LOGIN_ADDRESS: "100000/15m",
    THROTTLE_LOGIN_USERNAME: "100000/15m",
  });
  account = await registerAccount(client(server.url));
});

after(async () => {
  await server?.stop();
});

describe("the hashing queue", () => {
  it("serves a steady stream of logins in order: none waits behind the logins that came after it", async () => {
    const end = performance.now() + LOAD_MS;
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, index) => {
        const from = { "x-forwarded-for": `198.51.100.${index + 1}` };
        while (performance.now() < end) {
          const started = performance.now();
          const response = await client(server.url).post(
            "/api/login",
            { username: account.username, password: account.password },
            { headers: from },
          );
          assert.equal(response.status, 200, response.text);
          latencies.push(performance.now() - started);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)];
    const slowest = latencies.at(-1) ?? 0;
    // In order, a login waits for the few ahead of it: about CLIENTS hashes, the median's order
    // of magnitude. Out of order, one waited for most of the stream.
    assert.ok(
      slowest < Math.max(4 * median, LOAD_MS / 3),
      `${latencies.length} logins, median ${Math.round(median)} ms, slowest ${Math.round(slowest)} ms`,
    );
  });
});
