// Review finding 2: the throttle reserved a failure point per attempt before hashing and gave it
// back after, so concurrent logins with the right password passed the limit together and locked
// the username (8 parallel logins: 200 ×6, 429 ×2; a steady 16 connections: nearly all refused,
// then the right password refused for 15 minutes). Now only failures that happened refuse: an
// attempt waits for the checks in flight, or is told to come back (503), never 429.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, strongPassword } from "../support/accounts";
import { client, type ApiResponse } from "../support/client";
import { basicHeader } from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

let server: TestServer;

before(async () => {
  server = await startServer({
    // Slow enough hashes (a few ms each) that concurrent checks really overlap.
    // Two worker processes, as on a two-core machine: requests of one address really run side by
    // side (each worker's login shield lets four of them into the app at once).
    WEB_CONCURRENCY: "2",
    BCRYPT_ROUNDS: "8",
    THROTTLE_LOGIN_USERNAME: "5/15m",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_REGISTER: "1000/h",
  });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
});

const tally = (responses: ApiResponse[]) =>
  responses.reduce<Record<number, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

/** No 429, and no answer but a success or the contract's "come back" (503 with Retry-After). */
function assertNoneRefusedForFailures(responses: ApiResponse[]): void {
  const counts = tally(responses);
  assert.equal(counts[429] ?? 0, 0, `right passwords were throttled: ${JSON.stringify(counts)}`);
  for (const response of responses) {
    if (response.status === 503) assert.match(response.headers.get("retry-after") ?? "", /^\d+$/);
    else assert.equal(response.status, 200, response.text);
  }
  assert.ok((counts[200] ?? 0) > 0, JSON.stringify(counts));
}

describe("right passwords at the same moment", () => {
  it("16 parallel basic-auth requests of one account, past the username's limit of 5: none is refused for failures", async () => {
    const { username, password } = await registerAccount(client(server.url));
    const responses = await Promise.all(
      Array.from({ length: 16 }, () => client(server.url).get("/api/me", { headers: basicHeader(username, password) })),
    );
    assertNoneRefusedForFailures(responses);
  });

  it("12 parallel logins of one account: all are logged in", async () => {
    const { username, password } = await registerAccount(client(server.url));
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => logIn(client(server.url), username, password)),
    );
    assertNoneRefusedForFailures(responses);
  });

  it("16 connections logging in for 3 s: no 429, and the right password still works after", async () => {
    const { username, password } = await registerAccount(client(server.url));
    const responses: ApiResponse[] = [];
    const until = Date.now() + 3_000;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (Date.now() < until) responses.push(await logIn(client(server.url), username, password));
      }),
    );
    assertNoneRefusedForFailures(responses);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
  });

  it("still refuses parallel wrong guesses past the limit: only the limit's worth are checked", async () => {
    const { username, password } = await registerAccount(client(server.url));
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        client(server.url).get("/api/me", { headers: basicHeader(username, strongPassword()) }),
      ),
    );
    const counts = tally(responses);
    assert.equal(counts[401], 5, JSON.stringify(counts));
    for (const response of responses) if (response.status !== 401) assertThrottled(response, 15 * 60);
    // The username is locked now, for the right password too: the failures happened.
    assertThrottled(await logIn(client(server.url), username, password), 15 * 60);
  });
});
