import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, sessionOf, strongPassword, uniqueName, type Account } from "../support/accounts";
import { client, setCookieLine, type Client } from "../support/client";
import { basicHeader, INVALID_BASIC } from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

// OWASP's device cookies: a successful login leaves a signed cookie naming that account on that
// browser; attempts that present it count against that browser alone, so a stranger's flood that
// locks the username for everyone else never locks its owner out of a browser they have used.

const DEVICE_COOKIE = "vestibule.device";
const WINDOW_SECONDS = 15 * 60;
const YEAR_SECONDS = 365 * 86400;

let server: TestServer;
let addresses = 0;

before(async () => {
  // Behind one trusted proxy, each stranger below speaks from an address of its own unless a test
  // means one address; the per-address limit is low, so a test can lock an address too.
  server = await startServer({ TRUST_PROXY: "1", THROTTLE_LOGIN_ADDRESS: "8/15m", THROTTLE_REGISTER: "1000/h" });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
});

function newAddress(): string {
  addresses += 1;
  return `203.0.113.${addresses}`;
}

/** A browser at `address` (one X-Forwarded-For for every request). */
function browserAt(address = newAddress()): Client {
  const inner = client(server.url);
  const headers = (options?: { headers?: Record<string, string> }) => ({
    headers: { "x-forwarded-for": address, ...options?.headers },
  });
  return {
    ...inner,
    get: (path, options) => inner.get(path, headers(options)),
    post: (path, body, options) => inner.post(path, body, headers(options)),
    request: (method, path, body, options) => inner.request(method, path, body, headers(options)),
  };
}

/** The owner's browser: registered there (so it carries the device cookie), then logged out. */
async function ownerWithBrowser(address?: string): Promise<Account & { owner: Client }> {
  const owner = browserAt(address);
  const account = await registerAccount(owner);
  assert.ok(owner.cookie(DEVICE_COOKIE), "registration left no device cookie");
  assert.equal((await owner.post("/api/logout")).status, 200);
  assert.ok(owner.cookie(DEVICE_COOKIE), "logging out took the device cookie away");
  return { ...account, owner };
}

async function strangerFails(username: string, times: number, address?: string): Promise<void> {
  for (let attempt = 1; attempt <= times; attempt += 1) {
    const response = await logIn(browserAt(address), username, strongPassword());
    assert.equal(response.status, 400, `attempt ${attempt}: ${response.text}`);
  }
}

describe("the device cookie", () => {
  it("is set by a successful login: HttpOnly, SameSite=Strict, a year long, naming nobody in clear", async () => {
    const { username, password } = await registerAccount(client(server.url));
    const browser = browserAt();
    const response = await logIn(browser, username, password);
    assert.equal(response.status, 200, response.text);
    const line = setCookieLine(response, DEVICE_COOKIE);
    assert.ok(line, "no device cookie");
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Strict/i);
    assert.match(line, /; Path=\//i);
    assert.match(line, new RegExp(`; Max-Age=${YEAR_SECONDS}`, "i"));
    assert.ok(!line.toLowerCase().includes(username.toLowerCase()), line);
  });

  it("is not set by a failed login", async () => {
    const { username } = await registerAccount(client(server.url));
    const response = await logIn(browserAt(), username, strongPassword());
    assert.equal(setCookieLine(response, DEVICE_COOKIE), undefined);
  });
});

describe("a locked username", () => {
  it("stays open to its owner's known browser, and closed to everyone else", async () => {
    const { username, password, owner } = await ownerWithBrowser();
    await strangerFails(username, 5);
    assertThrottled(await logIn(browserAt(), username, password), WINDOW_SECONDS);
    const response = await logIn(owner, username, password);
    assert.equal(response.status, 200, response.text);
    assert.equal((await sessionOf(owner)).user?.username, username);
    // The owner's success unlocks nothing for the others.
    assertThrottled(await logIn(browserAt(), username, password), WINDOW_SECONDS);
  });

  it("stays open to the owner's browser through basic auth too", async () => {
    const { username, password, owner } = await ownerWithBrowser();
    await strangerFails(username, 5);
    assertThrottled(
      await client(server.url).get("/api/me", { headers: basicHeader(username, password) }),
      WINDOW_SECONDS,
    );
    const response = await owner.get("/api/me", { headers: basicHeader(username, password) });
    assert.equal(response.status, 200, response.text);
  });

  it("is not opened by another account's device cookie, nor by a forged or altered one", async () => {
    const { username, password } = await ownerWithBrowser();
    const other = await ownerWithBrowser();
    await strangerFails(username, 5);
    assertThrottled(await logIn(other.owner, username, password), WINDOW_SECONDS);
    const forged = browserAt();
    const real = other.owner.cookie(DEVICE_COOKIE) as string;
    for (const value of [
      `${real.slice(0, -3)}AAA`,
      "kq1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "garbage",
    ]) {
      forged.setCookie(DEVICE_COOKIE, value);
      assertThrottled(await logIn(forged, username, password), WINDOW_SECONDS);
    }
  });

  it("stays open to the owner's browser at an address the strangers locked", async () => {
    const shared = newAddress();
    const { username, password, owner } = await ownerWithBrowser(shared);
    // Eight failures from the owner's own address lock it (for every username).
    for (let attempt = 1; attempt <= 8; attempt += 1) await strangerFails(uniqueName("ghost"), 1, shared);
    assertThrottled(await logIn(browserAt(shared), username, password), WINDOW_SECONDS);
    const response = await logIn(owner, username, password);
    assert.equal(response.status, 200, response.text);
  });
});

describe("a known browser's own limit", () => {
  it("locks that browser after 5 failures, without locking the username for anyone else", async () => {
    const { username, password, owner } = await ownerWithBrowser();
    for (let attempt = 1; attempt <= 5; attempt += 1)
      assert.equal((await logIn(owner, username, strongPassword())).status, 400);
    assertThrottled(await logIn(owner, username, password), WINDOW_SECONDS);
    const elsewhere = browserAt();
    assert.equal((await logIn(elsewhere, username, password)).status, 200);
  });

  it("starts again after a success on that browser", async () => {
    const { username, password, owner } = await ownerWithBrowser();
    for (let attempt = 1; attempt <= 4; attempt += 1)
      assert.equal((await logIn(owner, username, strongPassword())).status, 400);
    assert.equal((await logIn(owner, username, password)).status, 200);
    for (let attempt = 1; attempt <= 4; attempt += 1)
      assert.equal((await logIn(owner, username, strongPassword())).status, 400);
    assert.equal((await logIn(owner, username, password)).status, 200);
  });

  it("keeps the cookies of several accounts signed in on one browser", async () => {
    const shared = browserAt();
    const first = await registerAccount(client(server.url));
    const second = await registerAccount(client(server.url));
    assert.equal((await logIn(shared, first.username, first.password)).status, 200);
    assert.equal((await logIn(shared, second.username, second.password)).status, 200);
    await strangerFails(first.username, 5);
    await strangerFails(second.username, 5);
    assert.equal((await logIn(shared, first.username, first.password)).status, 200);
    assert.equal((await logIn(shared, second.username, second.password)).status, 200);
  });

  it("answers wrong basic credentials from a known browser as any wrong credentials", async () => {
    const { username, owner } = await ownerWithBrowser();
    const response = await owner.get("/api/me", { headers: basicHeader(username, strongPassword()) });
    assert.equal(response.status, 401);
    assert.deepEqual(response.json, INVALID_BASIC);
  });
});
