// One address hammering one locked username: the refusals still count against the address, so
// the address locks too, and from then on its logins are refused before the app (lib/login-shield.cjs)
// without a write. Before, the address's counter stopped when the username locked, and every
// refusal went through Next.js: a flood from one address crowded out everyone else's requests.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, strongPassword } from "../support/accounts";
import { client } from "../support/client";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled, LOGIN_FLOOD, loginAddressPoints } from "../support/throttled";

const { addressLimit: ADDRESS_LIMIT, windowSeconds: WINDOW_SECONDS } = LOGIN_FLOOD;

let server: TestServer;

before(async () => {
  server = await startServer(LOGIN_FLOOD.settings);
});

after(async () => {
  await server?.stop();
});

const addressPoints = () => loginAddressPoints(server);

describe("a login flood from one address", () => {
  it("locks the address once the locked username's refusals pass its limit, then stops writing", async () => {
    const target = await registerAccount(client(server.url));
    const bystander = await registerAccount(client(server.url));
    for (let attempt = 0; attempt < 3; attempt += 1)
      assert.equal((await logIn(client(server.url), target.username, strongPassword())).status, 400);
    for (let attempt = 0; attempt < ADDRESS_LIMIT + 4; attempt += 1)
      assertThrottled(await logIn(client(server.url), target.username, strongPassword()), WINDOW_SECONDS);
    // The address is locked now: another account's right password from it waits too.
    assertThrottled(await logIn(client(server.url), bystander.username, bystander.password), WINDOW_SECONDS);
    // Each worker process learns the lock from the database once (a refused write of its own).
    for (let attempt = 0; attempt < 4; attempt += 1)
      assertThrottled(await logIn(client(server.url), target.username, strongPassword()), WINDOW_SECONDS);
    const locked = addressPoints();
    assert.ok(locked >= ADDRESS_LIMIT, `the address counter reads ${locked}`);
    for (let attempt = 0; attempt < 6; attempt += 1)
      assertThrottled(await logIn(client(server.url), target.username, strongPassword()), WINDOW_SECONDS);
    assert.equal(addressPoints(), locked, "refusals of a known address lock wrote to the database");
  });
});
