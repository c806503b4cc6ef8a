// Logins and basic-authenticated token mints that checked a password just before it changed (or
// before the account was deactivated) must not leave a working session or token behind: the
// credentials stamp makes such rows dead on arrival. Each test shows that such rows were really
// written (rows under an older stamp than the user's, in the database) before asserting that they
// are dead: a run where nothing overlapped the change proves nothing and says so. The two-step
// login makes the overlap certain (a ticket keeps the stamp its password was checked under); the
// one-step race is run again until a row was written under the old stamp.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, sessionOf, strongPassword, uniqueName, type Account } from "../support/accounts";
import { client, SESSION_COOKIE, type ApiResponse, type Client } from "../support/client";
import { withDb } from "../support/db";
import { basicHeader, tokenHeader } from "../support/extra-auth";
import { enableTotp, startLogin } from "../support/mfa";
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

type StaleRows = { sessions: number; tokens: number };

/** The user's session and token rows written under an older credentials stamp than the user's. */
function staleRows(userId: string): StaleRows {
  const older = `"userId" = ? AND "credentialsVersion" < (SELECT "credentialsVersion" FROM "User" WHERE "id" = ?)`;
  return withDb(server.databasePath, (database) => ({
    sessions: database.count("Session", older, userId, userId),
    tokens: database.count("ApiToken", older, userId, userId),
  }));
}

/** Changes the password through the owner's session, asserting the 200. */
async function changePassword(owner: Client, oldPassword: string, newPassword: string): Promise<void> {
  const change = await owner.post("/api/password/change", { old_password: oldPassword, new_password: newPassword });
  assert.equal(change.status, 200, change.text);
}

// Each round's change deletes the rows of the rounds before it, stale or not: the rounds are
// looked at one by one. Ten rounds of twelve requests in flight have always overlapped at least once.
const RACE_ROUNDS = 10;

describe("credentials stamp", () => {
  it("leaves no session or token minted with the old password working after a password change that raced them", async () => {
    const owner = client(server.url);
    const account = await registerAccount(owner);
    let password = account.password;
    const seen: StaleRows = { sessions: 0, tokens: 0 };
    for (let round = 0; round < RACE_ROUNDS && !(seen.sessions && seen.tokens); round += 1) {
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
      const oldPassword = password;
      const loops = [
        ...Array.from({ length: 6 }, () => loop(() => logInOnce(account, oldPassword, minted))),
        ...Array.from({ length: 6 }, () => loop(() => mintOnce(account, oldPassword, minted))),
      ];
      await sleep(300);
      password = strongPassword();
      await changePassword(owner, oldPassword, password);
      changed = true;
      await Promise.all(loops);

      // The change deleted every row there was: rows under the old stamp were written after it,
      // by requests that had checked the old password before it.
      const stale = staleRows(account.user.id);
      seen.sessions += stale.sessions;
      seen.tokens += stale.tokens;
      assert.deepEqual(await stillWorking(minted), [], `round ${round + 1}`);
    }
    assert.ok(
      seen.sessions > 0 && seen.tokens > 0,
      `no login (${seen.sessions}) or no mint (${seen.tokens}) overlapped the change in ${RACE_ROUNDS} rounds: the race was not run`,
    );
    // The session that changed the password stays, and the new password works.
    assert.equal((await sessionOf(owner)).is_authenticated, true);
    assert.equal((await logInOnce(account, password, { cookies: [], keys: [] })).status, 200);
  });

  it("leaves the session of a second step finished after a password change dead", async () => {
    const owner = client(server.url);
    const account = await registerAccount(owner);
    const { recoveryCodes } = await enableTotp(owner, account.password);
    const browser = client(server.url);
    const ticket = await startLogin(browser, account.username, account.password);
    await changePassword(owner, account.password, strongPassword());

    const done = await browser.post("/api/login/mfa", { ticket, code: recoveryCodes[0] });
    assert.equal(done.status, 200, done.text);
    assert.ok(browser.cookie(SESSION_COOKIE), "the second step set no session cookie");
    assert.deepEqual(staleRows(account.user.id), { sessions: 1, tokens: 0 }, "the second step wrote no session row");
    assert.equal((await sessionOf(browser)).is_authenticated, false);
    // The session that changed the password is untouched.
    assert.equal((await sessionOf(owner)).is_authenticated, true);
  });

  it("leaves the session of a second step finished after a deactivation and reactivation dead", async () => {
    const owner = client(server.url);
    const account = await registerAccount(owner);
    const { recoveryCodes } = await enableTotp(owner, account.password);
    const browser = client(server.url);
    const ticket = await startLogin(browser, account.username, account.password);
    const off = await staff.request("PATCH", `/api/admin/users/${account.user.id}`, { is_active: false });
    assert.equal(off.status, 200, off.text);
    const on = await staff.request("PATCH", `/api/admin/users/${account.user.id}`, { is_active: true });
    assert.equal(on.status, 200, on.text);

    // The ticket's password was checked before the deactivation: its session is born dead.
    const done = await browser.post("/api/login/mfa", { ticket, code: recoveryCodes[0] });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(staleRows(account.user.id), { sessions: 1, tokens: 0 }, "the second step wrote no session row");
    assert.equal((await sessionOf(browser)).is_authenticated, false);
    // Reactivation works for what comes after it.
    const fresh: Minted = { cookies: [], keys: [] };
    const again = client(server.url);
    assert.equal(
      (
        await again.post("/api/login/mfa", {
          ticket: await startLogin(again, account.username, account.password),
          code: recoveryCodes[1],
        })
      ).status,
      200,
    );
    fresh.cookies.push(again.cookie(SESSION_COOKIE) ?? "");
    assert.deepEqual(await stillWorking(fresh), ["session"]);
  });
});
