import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const WINDOW_SECONDS = 15 * 60;

let server: TestServer;

before(async () => {
  // Every limit at its default (TRUST_PROXY=0): 5 failures per username, 20 per address.
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

describe("Login throttling per client address (default 20 per 15 minutes, TRUST_PROXY=0)", () => {
  it("refuses the address after 20 failures across usernames, whatever X-Forwarded-For claims", async () => {
    const { username, password } = await registerAccount(client(server.url));
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      // Half of the guesses claim to come from elsewhere: with TRUST_PROXY=0 that must not count.
      const headers: Record<string, string> = attempt > 10 ? { "x-forwarded-for": `198.51.100.${attempt}` } : {};
      const response = await logIn(client(server.url), uniqueName("guess"), strongPassword(), headers);
      assert.equal(response.status, 400, `attempt ${attempt}: ${response.text}`);
    }
    // A username with no failures of its own, and the right password: the address is locked.
    assertThrottled(await logIn(client(server.url), username, password), WINDOW_SECONDS);
    assertThrottled(
      await logIn(client(server.url), username, password, { "x-forwarded-for": "203.0.113.99" }),
      WINDOW_SECONDS,
    );
    assertThrottled(
      await logIn(client(server.url), username, password, {
        "x-real-ip": "203.0.113.98",
        forwarded: "for=203.0.113.97",
      }),
      WINDOW_SECONDS,
    );
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
