// Several app instances on one database behave as one: sessions, tokens, throttle counters and
// registrations live in the database, never only in a process. (On PostgreSQL under
// `npm run test:postgres`; on one shared SQLite file under `npm test`.)
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { assertAnonymous, registerAccount, sessionOf, strongPassword, uniqueName } from "../support/accounts";
import { client, SESSION_COOKIE, type Client } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { sharedDatabase, startServer, type TestServer } from "../support/server";

let database: ReturnType<typeof sharedDatabase>;
let a: TestServer;
let b: TestServer;

before(async () => {
  database = sharedDatabase();
  // Instances that share a database share their configuration, the secret included.
  const env = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
  };
  // One after the other: the second start finds the migrations applied by the first.
  a = await startServer(env, { databaseUrl: database.databaseUrl });
  b = await startServer(env, { databaseUrl: database.databaseUrl });
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  database?.drop();
});

/** The same browser (its session cookie) talking to the other instance. */
function sameBrowserOn(server: TestServer, browser: Client): Client {
  const other = client(server.url);
  const cookie = browser.cookie(SESSION_COOKIE);
  assert.ok(cookie, "the browser has a session cookie");
  other.setCookie(SESSION_COOKIE, cookie);
  return other;
}

describe("Two instances on one database", () => {
  it("accept a session made on the other", async () => {
    const onA = client(a.url);
    const { user } = await registerAccount(onA);
    const seenByB = await sessionOf(sameBrowserOn(b, onA));
    assert.equal(seenByB.user?.id, user.id);
  });

  it("end a session everywhere when it is logged out on one", async () => {
    const onA = client(a.url);
    await registerAccount(onA);
    const onB = sameBrowserOn(b, onA);
    // Both have read the session before the logout: an instance that kept it in memory would
    // still let the browser in.
    assert.equal((await sessionOf(onA)).is_authenticated, true);
    assert.equal((await sessionOf(onB)).is_authenticated, true);
    const logout = await onB.post("/api/logout");
    assert.equal(logout.status, 200);
    await assertAnonymous(onA);
    assert.equal((await onA.get("/api/me")).status, 401);
  });

  it("refuse on one a token revoked on the other", async () => {
    const onA = client(a.url);
    await registerAccount(onA);
    const created = await onA.post("/api/tokens", { name: "ci" });
    assert.equal(created.status, 201);
    const { id, key } = created.json as { id: string; key: string };
    const script = client(b.url);
    assert.equal((await script.get("/api/me", { headers: { authorization: `Token ${key}` } })).status, 200);
    assert.equal((await onA.request("DELETE", `/api/tokens/${id}`)).status, 204);
    const refused = await script.get("/api/me", { headers: { authorization: `Token ${key}` } });
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.json, { detail: "Invalid token." });
  });

  it("add up failed logins on both into one lock", async () => {
    const { username, password } = await registerAccount(client(a.url));
    const statuses: number[] = [];
    for (const server of [a, b, a, b, a]) {
      statuses.push(
        (await client(server.url).post("/api/login", { username, password: "wrong-horse-battery" })).status,
      );
    }
    assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
    // The sixth attempt, on either instance, with the right password: the username is locked.
    for (const server of [a, b]) {
      const locked = await client(server.url).post("/api/login", { username, password });
      assert.equal(locked.status, 429, locked.text);
      assert.ok(Number(locked.headers.get("retry-after")) > 0);
    }
  });

  it("create exactly one user per username from 50 concurrent registrations across both", async () => {
    const usernames = Array.from({ length: 10 }, () => uniqueName("race"));
    const attempts = Array.from({ length: 50 }, (_, i) =>
      client([a, b][i % 2].url).post("/api/register", {
        username: usernames[i % usernames.length],
        password: strongPassword(),
      }),
    );
    const responses = await Promise.all(attempts);
    const statuses = responses.map((response) => response.status);
    assert.equal(
      statuses.filter((status) => status === 201).length,
      usernames.length,
      `statuses: ${statuses.join(",")}`,
    );
    assert.equal(
      statuses.filter((status) => status === 400).length,
      50 - usernames.length,
      `statuses: ${statuses.join(",")}`,
    );
    for (const response of responses.filter((r) => r.status === 400)) {
      assert.deepEqual(response.json, { username: ["A user with that username already exists."] });
    }
    for (const username of usernames) {
      assert.equal(
        withDb(database.databaseUrl, (d) => d.count("User", "usernameKey = ?", username.toLowerCase())),
        1,
        username,
      );
    }
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(a);
  assertNoSecretsLeaked(b);
});
