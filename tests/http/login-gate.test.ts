// One address's logins enter the app a few at a time (lib/login-shield.cjs): before its lock is
// known, a burst from one address used to reach the route all at once, every attempt with its
// counter writes, and crowd out everyone else. The rest wait in front of the app, in order, for
// no longer than the hashing queue would make them wait; a browser with its device cookie waits
// behind its own device's logins, not behind strangers at its address.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, strongPassword } from "../support/accounts";
import { client, timed, type ApiResponse } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled, LOGIN_FLOOD, loginAddressPoints } from "../support/throttled";

const { addressLimit: ADDRESS_LIMIT, windowSeconds: WINDOW_SECONDS } = LOGIN_FLOOD;
// lib/login-shield.cjs lets this many of one address's logins into a worker at once.
const IN_FLIGHT = 4;
const HASH_QUEUE_SECONDS = 3;
const UNAVAILABLE = { detail: "Service temporarily unavailable." };
const DEVICE_COOKIE = "vestibule.device";

describe("a burst of logins from one address", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer(LOGIN_FLOOD.settings);
  });

  after(async () => {
    assertNoSecretsLeaked(server);
    await server?.stop();
  });

  it("reaches the app a few at a time: its attempts cost the address counter its limit plus those few", async () => {
    const target = await registerAccount(client(server.url));
    const responses = await Promise.all(
      Array.from({ length: 60 }, () => logIn(client(server.url), target.username, strongPassword())),
    );
    const checked = responses.filter((response) => response.status === 400).length;
    assert.ok(checked <= 3, `${checked} guesses were checked`);
    for (const response of responses) if (response.status !== 400) assertThrottled(response, WINDOW_SECONDS);
    // Every attempt that reached the route before the address's lock was known counted a failure.
    const points = loginAddressPoints(server);
    assert.ok(
      points >= ADDRESS_LIMIT && points <= ADDRESS_LIMIT + IN_FLIGHT,
      `the address counter reads ${points} after 60 attempts`,
    );
  });
});

type Timed = { response: ApiResponse; ms: number };

/** Some of a burst served, the rest answered 503 after waiting as long as the hashing queue allows. */
function assertServedOrRefusedAfterWaiting(results: Timed[]): void {
  const summary = results.map(({ response, ms }) => `${response.status}:${Math.round(ms)}`).join(" ");
  assert.deepEqual(
    results
      .filter(({ response }) => response.status !== 200 && response.status !== 503)
      .map(({ response }) => response.text),
    [],
  );
  const served = results.filter(({ response }) => response.status === 200);
  const refused = results.filter(({ response }) => response.status === 503);
  assert.ok(served.length >= IN_FLIGHT, `fewer than ${IN_FLIGHT} were served: ${summary}`);
  assert.ok(refused.length > 0, `none was refused: ${summary}`);
  const slowestServed = Math.max(...served.map(({ ms }) => ms));
  for (const { response, ms } of refused) {
    assert.deepEqual(response.json, UNAVAILABLE);
    assert.equal(response.headers.get("retry-after"), String(HASH_QUEUE_SECONDS));
    // Written by the shield, past the endpoint wrapper that sets it on every other answer.
    assert.equal(response.headers.get("cache-control"), "no-store");
    // Refused after the wait the hashing queue allows, not at once and not after everyone else.
    assert.ok(ms >= HASH_QUEUE_SECONDS * 1000 - 50, `a 503 came after ${Math.round(ms)} ms (${summary})`);
    assert.ok(ms < slowestServed, `a 503 took longer than a served login (${summary})`);
  }
}

describe("logins waiting behind their address's other logins", () => {
  let server: TestServer;

  before(async () => {
    // A slow hash (cost 14, about a second) on one thread, and a hashing queue with room for all:
    // what holds these logins back is the wait in front of the app, not the queue's limit.
    server = await startServer({
      BCRYPT_ROUNDS: "14",
      HASH_THREADS: "1",
      PASSWORD_HASH_QUEUE: "100",
      THROTTLE_LOGIN_ADDRESS: "10000/15m",
      THROTTLE_LOGIN_USERNAME: "10000/15m",
    });
  });

  after(async () => {
    assertNoSecretsLeaked(server);
    await server?.stop();
  });

  it("get 503 with Retry-After once they have waited as long as the hashing queue allows; a device cookie does not wait", async () => {
    const owner = client(server.url);
    const account = await registerAccount(owner);
    assert.equal((await owner.post("/api/logout")).status, 200);
    // Sixteen strangers' browsers at the owner's address, then the owner's own, which has logged
    // in here before and so carries its device cookie.
    const strangers = Array.from({ length: 16 }, () =>
      timed(() => logIn(client(server.url), account.username, account.password)),
    );
    const own = logIn(owner, account.username, account.password);
    const results = await Promise.all(strangers);
    assert.equal((await own).status, 200, "the owner's browser waited behind the strangers");
    assertServedOrRefusedAfterWaiting(results);
  });

  it("makes a burst that carries one device cookie wait behind that device's own logins", async () => {
    const owner = client(server.url);
    const account = await registerAccount(owner);
    const device = owner.cookie(DEVICE_COOKIE);
    assert.ok(device, "registration left no device cookie");
    // The cookie of the flooder's own account is no way around the wait.
    const burst = Array.from({ length: 16 }, () => {
      const browser = client(server.url);
      browser.setCookie(DEVICE_COOKIE, device);
      return timed(() => logIn(browser, account.username, account.password));
    });
    assertServedOrRefusedAfterWaiting(await Promise.all(burst));
  });
});
