import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const HOUR = 3600;

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "3/h" });
});

after(async () => {
  await server?.stop();
});

describe("Registration throttling per client address (THROTTLE_REGISTER=3/h)", () => {
  it("refuses the 4th registration from one address with 429, creating no user", async () => {
    for (let index = 0; index < 3; index += 1) await registerAccount(client(server.url));
    const usersBefore = withDb(server.databasePath, (database) => database.count("User"));

    const username = uniqueName("fourth");
    const browser = client(server.url);
    assertThrottled(await browser.post("/api/register", { username, password: strongPassword() }), HOUR);
    assert.equal(browser.cookie(), undefined);
    // X-Forwarded-For is not believed with TRUST_PROXY=0.
    assertThrottled(
      await browser.post(
        "/api/register",
        { username, password: strongPassword() },
        { headers: { "x-forwarded-for": "198.51.100.7" } },
      ),
      HOUR,
    );

    assert.equal(
      withDb(server.databasePath, (database) => database.count("User")),
      usersBefore,
    );
    assert.equal(
      withDb(server.databasePath, (database) => database.count("User", "lower(username) = lower(?)", username)),
      0,
    );
  });

  it("does not throttle logging in", async () => {
    const response = await client(server.url).post("/api/login", {
      username: uniqueName("nobody"),
      password: strongPassword(),
    });
    assert.equal(response.status, 400, response.text);
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
