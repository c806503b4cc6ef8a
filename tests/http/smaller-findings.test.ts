// Review finding 7, the smaller ones: "log out everywhere" raises the credentials stamp (a login
// in flight survived it); device cookies name the account's id and stamp, not the username (a
// password change left every old browser trusted); the last-superuser check runs inside the
// deactivating transaction (two superusers deactivating each other could leave none); the
// provider callback reads at most 64 KiB of body (it read any size).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertAnonymous, logIn, registerAccount, sessionOf, strongPassword, uniqueName } from "../support/accounts";
import { client, type Client } from "../support/client";
import { withDb } from "../support/db";
import { enableTotp, startLogin } from "../support/mfa";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";
import { totp } from "../support/totp";

const DEVICE_COOKIE = "vestibule.device";

let server: TestServer;

before(async () => {
  server = await startServer({
    // Two worker processes, as on a two-core machine: requests of one address really run side by
    // side (each worker's login shield lets four of them into the app at once).
    WEB_CONCURRENCY: "2",
    THROTTLE_LOGIN_USERNAME: "3/15m",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_REGISTER: "1000/h",
    // A provider, so that its callback route exists; nothing here signs in through it.
    AUTH_GITHUB_ID: "test-client",
    AUTH_GITHUB_SECRET: "test-secret",
  });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
});

function setFlag(id: string, column: "isStaff" | "isSuperuser", value: 0 | 1): void {
  withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET ${column} = ? WHERE id = ?`, value, id), {
    writable: true,
  });
}

const isActive = (id: string) =>
  withDb(server.databasePath, (database) => database.count("User", `"id" = ? AND "isActive" = 1`, id)) === 1;

describe("log out everywhere", () => {
  it("kills a login in flight: a second step finished after it starts a dead session", async () => {
    const owner = client(server.url);
    const { username, password } = await registerAccount(owner);
    const { secret, confirmedAt } = await enableTotp(owner, password);
    const elsewhere = client(server.url);
    const ticket = await startLogin(elsewhere, username, password);
    assert.equal((await owner.post("/api/logout", { all: true })).status, 200);
    // A code of the next step: the one that confirmed the setup is spent.
    const code = totp(secret, 1, confirmedAt);
    const finished = await elsewhere.post("/api/login/mfa", { ticket, code });
    assert.equal(finished.status, 200, finished.text);
    await assertAnonymous(elsewhere);
  });

  it("keeps the user's API tokens working", async () => {
    const owner = client(server.url);
    await registerAccount(owner);
    const minted = await owner.post("/api/tokens", { name: "script" });
    assert.equal(minted.status, 201, minted.text);
    const key = (minted.json as { key: string }).key;
    assert.equal((await owner.post("/api/logout", { all: true })).status, 200);
    const read = await client(server.url).get("/api/me", { headers: { authorization: `Token ${key}` } });
    assert.equal(read.status, 200, read.text);
  });
});

describe("device cookies", () => {
  it("stop being trusted once the password changes: the browser waits out the username's lock like a stranger", async () => {
    const owner = client(server.url);
    const { username, password } = await registerAccount(owner);
    assert.ok(owner.cookie(DEVICE_COOKIE), "registration left no device cookie");
    const changed = await owner.post("/api/password/change", { old_password: password, new_password: `${password}2` });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await owner.post("/api/logout")).status, 200);
    for (let attempt = 0; attempt < 3; attempt += 1)
      assert.equal((await logIn(client(server.url), username, strongPassword())).status, 400);
    // Before the change this browser would have been let through on its own counter.
    assertThrottled(await logIn(owner, username, `${password}2`), 15 * 60);
  });

  it("are still trusted while nothing changed (the same test's control)", async () => {
    const owner = client(server.url);
    const { username, password } = await registerAccount(owner);
    assert.equal((await owner.post("/api/logout")).status, 200);
    for (let attempt = 0; attempt < 3; attempt += 1)
      assert.equal((await logIn(client(server.url), username, strongPassword())).status, 400);
    assert.equal((await logIn(owner, username, password)).status, 200);
    assert.equal((await sessionOf(owner)).is_authenticated, true);
  });
});

describe("the last active superuser", () => {
  it("survives superusers deactivating each other at the same moment", async () => {
    for (let round = 0; round < 10; round += 1) {
      // Three superusers, each deactivating the next at once: without the check inside the
      // deactivating transaction, all three passed it together and none was left.
      const browsers: Client[] = [client(server.url), client(server.url), client(server.url)];
      const ids: string[] = [];
      for (const browser of browsers)
        ids.push((await registerAccount(browser, { username: uniqueName("root") })).user.id);
      // Only these are superusers: the ones of earlier rounds step down first.
      withDb(
        server.databasePath,
        (database) => database.run(`UPDATE "User" SET "isSuperuser" = 0 WHERE "isSuperuser" = 1`),
        {
          writable: true,
        },
      );
      for (const id of ids) {
        setFlag(id, "isStaff", 1);
        setFlag(id, "isSuperuser", 1);
      }
      const responses = await Promise.all(
        browsers.map((browser, index) =>
          browser.request("PATCH", `/api/admin/users/${ids[(index + 1) % ids.length]}`, { is_active: false }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      assert.ok(ids.some(isActive), `round ${round}: ${statuses.join(" ")}, and no active superuser is left`);
      // Every refusal is the last superuser's 403, or the 401 of a caller deactivated a moment before.
      for (const response of responses) assert.ok([200, 401, 403].includes(response.status), response.text);
    }
  });
});

describe("the provider callback", () => {
  it("answers 413 to a form post over 64 KiB, as every other body", async () => {
    const response = await client(server.url).post(
      "/api/auth/callback/github",
      `code=x&state=${"a".repeat(70 * 1024)}`,
      { headers: { "content-type": "application/x-www-form-urlencoded" } },
    );
    assert.equal(response.status, 413, response.text);
    assert.equal(response.headers.get("cache-control"), "no-store");
  });
});
