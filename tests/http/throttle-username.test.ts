import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, sessionOf, strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const INVALID = { non_field_errors: ["Unable to log in with provided credentials."] };
const WINDOW_SECONDS = 15 * 60;

let server: TestServer;

before(async () => {
  // The per-username limit at its default (5 per 15 minutes). The per-address limit is raised
  // so that this file's many failures from 127.0.0.1 test only the username's count; the
  // address limit at its default is in throttle-address.test.ts.
  server = await startServer({ THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

async function failLogins(username: string, times: number): Promise<void> {
  for (let attempt = 1; attempt <= times; attempt += 1) {
    const response = await logIn(client(server.url), username, strongPassword());
    assert.equal(response.status, 400, `attempt ${attempt}: ${response.text}`);
    assert.deepEqual(response.json, INVALID);
  }
}

describe("Login throttling per username (default 5 per 15 minutes)", () => {
  it("locks a username after 5 failures: even the right password then gets 429", async () => {
    const { username, password } = await registerAccount(client(server.url));
    await failLogins(username, 5);
    const browser = client(server.url);
    assertThrottled(await logIn(browser, username, password), WINDOW_SECONDS);
    assert.equal(browser.cookie(), undefined);
    assert.equal((await sessionOf(browser)).is_authenticated, false);
    assertThrottled(await logIn(client(server.url), username, strongPassword()), WINDOW_SECONDS);
  });

  it("locks the username in every spelling of it", async () => {
    const { username, password } = await registerAccount(client(server.url), { username: uniqueName("Locked") });
    await failLogins(username.toLowerCase(), 5);
    assertThrottled(await logIn(client(server.url), username.toUpperCase(), password), WINDOW_SECONDS);
    assertThrottled(await logIn(client(server.url), ` ${username} `, password), WINDOW_SECONDS);
  });

  it("locks unknown usernames the same way (no account enumeration)", async () => {
    const ghost = uniqueName("ghost");
    await failLogins(ghost, 5);
    assertThrottled(await logIn(client(server.url), ghost, strongPassword()), WINDOW_SECONDS);
  });

  it("does not lock other usernames", async () => {
    const victim = await registerAccount(client(server.url));
    const bystander = await registerAccount(client(server.url));
    await failLogins(victim.username, 5);
    assertThrottled(await logIn(client(server.url), victim.username, victim.password), WINDOW_SECONDS);
    assert.equal((await logIn(client(server.url), bystander.username, bystander.password)).status, 200);
  });

  it("does not end the sessions the user already has", async () => {
    const browser = client(server.url);
    const { username } = await registerAccount(browser);
    await failLogins(username, 5);
    assert.equal((await sessionOf(browser)).is_authenticated, true);
  });

  it("starts the username's count again after a successful login", async () => {
    const { username, password } = await registerAccount(client(server.url));
    await failLogins(username, 4);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
    await failLogins(username, 4);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
    await failLogins(username, 5);
    assertThrottled(await logIn(client(server.url), username, password), WINDOW_SECONDS);
  });

  it("lets no more than 5 of 20 parallel wrong guesses through to the password check", async () => {
    const { username, password } = await registerAccount(client(server.url));
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => logIn(client(server.url), username, strongPassword())),
    );
    const statuses = responses.map((response) => response.status);
    const checked = statuses.filter((status) => status === 400).length;
    assert.ok(checked <= 5, `${checked} guesses were checked: ${statuses.join(", ")}`);
    for (const response of responses) {
      if (response.status === 400) assert.deepEqual(response.json, INVALID);
      else assertThrottled(response, WINDOW_SECONDS);
    }
    assertThrottled(await logIn(client(server.url), username, password), WINDOW_SECONDS);
  });

  it("keeps a locked username locked under 20 parallel attempts, right passwords included", async () => {
    const { username, password } = await registerAccount(client(server.url));
    await failLogins(username, 5);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        logIn(client(server.url), username, index % 2 ? password : strongPassword()),
      ),
    );
    for (const response of responses) assertThrottled(response, WINDOW_SECONDS);
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
