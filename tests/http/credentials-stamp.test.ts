// Logins and basic-authenticated token mints that checked a password just before it changed (or
// before the account was deactivated) must not leave a working session or token behind: the
// credentials stamp makes such rows dead on arrival. The races are made wide on purpose (a bcrypt
// cost that takes time, many requests in flight), so the old code fails these tests reliably.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, sessionOf, strongPassword, uniqueName, type Account } from "../support/accounts";
import { client, SESSION_COOKIE, type ApiResponse, type Client } from "../support/client";
import { withDb } from "../support/db";
import { basicHeader, tokenHeader } from "../support/extra-auth";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let staff: Client;

before(async () => {
  // A bcrypt cost that takes some milliseconds, so that a login's read of the user row and its
  // session insert are far apart; no throttle in the way of the many attempts.
  server = await startServer({
    BCRYPT_ROUNDS: "8",
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "10000/15m",
    THROTTLE_LOGIN_USERNAME: "10000/15m",
  });
  staff = client(server.url);
  const { user } = await registerAccount(staff, { username: uniqueName("staff") });
  withDb(
    server.databasePath,
    (database) => database.run(`UPDATE "User" SET "isStaff" = ? WHERE "id" = ?`, 1, user.id),
    { writable: true },
  );
});

after(async () => {
  await server?.stop();
});

type Minted = { cookies: string[]; keys: string[] };

/** One login with a fresh browser; its session cookie when it succeeded. */
async function logInOnce(account: Account, password: string, minted: Minted): Promise<ApiResponse> {
  const browser = client(server.url);
  const response = await browser.post("/api/login", { username: account.username, password });
  const cookie = browser.cookie(SESSION_COOKIE);
  if (response.status === 200 && cookie) minted.cookies.push(cookie);
  return response;
}

/** One token mint authenticated by basic credentials; its key when it succeeded. */
async function mintOnce(account: Account, password: string, minted: Minted): Promise<ApiResponse> {
  const response = await client(server.url).post(
    "/api/tokens",
    { name: "race" },
    { headers: basicHeader(account.username, password) },
  );
  const key = (response.json as { key?: unknown } | undefined)?.key;
  if (response.status === 201 && typeof key === "string") minted.keys.push(key);
  return response;
}

/** Every minted session cookie and token key that still authenticates someone. */
async function stillWorking(minted: Minted): Promise<string[]> {
  const working: string[] = [];
  for (const cookie of minted.cookies) {
    const browser = client(server.url);
    browser.setCookie(SESSION_COOKIE, cookie);
    if ((await sessionOf(browser)).is_authenticated) working.push("session");
  }
  for (const key of minted.keys) {
    const response = await client(server.url).get("/api/me", { headers: tokenHeader(key) });
    if (response.status === 200) working.push("token");
  }
  return working;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("credentials stamp", () => {
  it("leaves no session or token minted with the old password working after a password change that raced them", async () => {
    const owner = client(server.url);
    const account = await registerAccount(owner);
    const minted: Minted = { cookies: [], keys: [] };
    let changed = false;
    // Requests in flight all the time, on both paths, until a while after the change is done.
    const loop = async (attempt: () => Promise<ApiResponse>) => {
      let after = 0;
      while (after < 3) {
        await attempt();
        if (changed) after += 1;
      }
    };
    const loops = [
      ...Array.from({ length: 6 }, () => loop(() => logInOnce(account, account.password, minted))),
      ...Array.from({ length: 6 }, () => loop(() => mintOnce(account, account.password, minted))),
    ];
    await sleep(300);
    const newPassword = strongPassword();
    const change = await owner.post("/api/password/change", {
      old_password: account.password,
      new_password: newPassword,
    });
    assert.equal(change.status, 200, change.text);
    changed = true;
    await Promise.all(loops);

    assert.ok(
      minted.cookies.length > 0 && minted.keys.length > 0,
      "the old password never worked: the race was not run",
    );
    assert.deepEqual(await stillWorking(minted), []);
    // The session that changed the password stays, and the new password works.
    assert.equal((await sessionOf(owner)).is_authenticated, true);
    assert.equal((await logInOnce(account, newPassword, { cookies: [], keys: [] })).status, 200);
  });

  it("leaves no session or token minted in flight during a deactivation working after the reactivation", async () => {
    const account = await registerAccount(client(server.url));
    const minted: Minted = { cookies: [], keys: [] };
    // Many read the user row before the deactivation, then wait their turn for the hashing threads.
    const batch = [
      ...Array.from({ length: 40 }, () => logInOnce(account, account.password, minted)),
      ...Array.from({ length: 20 }, () => mintOnce(account, account.password, minted)),
    ];
    await Promise.race(batch);
    const off = await staff.request("PATCH", `/api/admin/users/${account.user.id}`, { is_active: false });
    assert.equal(off.status, 200, off.text);
    // Every attempt of the batch has read the user row before the reactivation below: those that
    // read it before the deactivation and wrote their row after it are the ones that must be dead.
    await Promise.all(batch);
    const on = await staff.request("PATCH", `/api/admin/users/${account.user.id}`, { is_active: true });
    assert.equal(on.status, 200, on.text);

    assert.ok(minted.cookies.length > 0, "no login succeeded: the race was not run");
    assert.deepEqual(await stillWorking(minted), []);
    // Reactivation works for what comes after it.
    const fresh: Minted = { cookies: [], keys: [] };
    assert.equal((await logInOnce(account, account.password, fresh)).status, 200);
    assert.equal((await mintOnce(account, account.password, fresh)).status, 201);
    assert.deepEqual(await stillWorking(fresh), ["session", "token"]);
  });
});
