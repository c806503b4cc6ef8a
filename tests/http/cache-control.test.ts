import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client, type ApiResponse, type Client } from "../support/client";
import { db } from "../support/db";
import { assertNoSecretsLeaked } from "../support/secrets";
import { POSTGRES_URL, startServer, type TestServer } from "../support/server";
import { loginAddressPoints } from "../support/throttled";

// API answers carry sessions, keys and personal data: no browser or shared cache may keep them.
// Most pass through the endpoint wrapper (lib/api/responses.ts); the answers written elsewhere are
// checked where they are made: the login shield's 429 here, its 503 in login-gate.test.ts, and
// the provider callback's redirect (which sets the session cookie) in providers.test.ts.

let server: TestServer;
let member: Client;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_USERNAME: "1/15m" });
  member = client(server.url);
  await registerAccount(member);
});

after(async () => {
  await server?.stop();
});

function assertNoStore(response: ApiResponse, what: string, status: number): void {
  assert.equal(response.status, status, `${what}: ${response.text}`);
  assert.equal(response.headers.get("cache-control"), "no-store", what);
}

describe("Cache-Control on /api", () => {
  it("is no-store on successful answers, the session cookie's and the user's own data included", async () => {
    assertNoStore(await client(server.url).get("/api/session"), "GET /api/session", 200);
    assertNoStore(await member.get("/api/me"), "GET /api/me", 200);
    assertNoStore(await member.get("/api/events"), "GET /api/events", 200);
    assertNoStore(await member.post("/api/tokens", { name: "cache" }), "POST /api/tokens", 201);
    assertNoStore(
      await client(server.url).post("/api/register", { username: uniqueName(), password: strongPassword() }),
      "POST /api/register",
      201,
    );
    assertNoStore(await client(server.url).request("HEAD", "/api/session"), "HEAD /api/session", 200);
    assertNoStore(await client(server.url).request("OPTIONS", "/api/login"), "OPTIONS /api/login", 200);
  });

  it("is no-store on errors: 400, 401, 403, 404, 405, 415 and 429", async () => {
    assertNoStore(await client(server.url).post("/api/register", {}), "400", 400);
    assertNoStore(await client(server.url).get("/api/me"), "401", 401);
    assertNoStore(await member.get("/api/admin/users"), "403", 403);
    assertNoStore(await client(server.url).get("/api/no-such-endpoint"), "404", 404);
    assertNoStore(await client(server.url).get("/api"), "404 (bare /api)", 404);
    assertNoStore(await client(server.url).get("/api/tokens/%"), "404 (broken escape)", 404);
    assertNoStore(await client(server.url).request("PUT", "/api/login"), "405", 405);
    assertNoStore(
      await client(server.url).request("PUT", "/api/openapi.json"),
      "405 on the OpenAPI document's path",
      405,
    );
    assertNoStore(
      await client(server.url).post("/api/login", "x", { headers: { "content-type": "text/plain" } }),
      "415",
      415,
    );
    const username = uniqueName("locked");
    await client(server.url).post("/api/login", { username, password: strongPassword() });
    assertNoStore(await client(server.url).post("/api/login", { username, password: strongPassword() }), "429", 429);
  });

  it("is no-store on a 500", { skip: POSTGRES_URL ? "SQLite only" : false }, async () => {
    const database = db(server.databasePath, { writable: true });
    try {
      database.run(`ALTER TABLE "AuthEvent" RENAME TO "AuthEventAway"`);
      assertNoStore(await member.get("/api/events"), "500", 500);
    } finally {
      database.run(`ALTER TABLE "AuthEventAway" RENAME TO "AuthEvent"`);
      database.close();
    }
  });

  it("leaves the OpenAPI document cacheable: it is the same for everyone", async () => {
    const response = await client(server.url).get("/api/openapi.json");
    assert.equal(response.status, 200);
    assert.notEqual(response.headers.get("cache-control"), "no-store");
  });
});

describe("Cache-Control on the login shield's own answers (lib/login-shield.cjs)", () => {
  let shielded: TestServer;

  before(async () => {
    shielded = await startServer({ THROTTLE_LOGIN_ADDRESS: "2/15m", THROTTLE_LOGIN_USERNAME: "1000/15m" });
  });

  after(async () => {
    await shielded?.stop();
  });

  it("is no-store on the 429 the shield answers once this instance knows the address's lock", async () => {
    const attempt = () =>
      client(shielded.url).post("/api/login", { username: uniqueName("shield"), password: strongPassword() });
    for (let tries = 0; tries < 3 && (await attempt()).status !== 429; tries += 1);
    const points = loginAddressPoints(shielded);
    const refused = await attempt();
    // The route would have counted the attempt: an unchanged counter means the shield answered.
    assert.equal(loginAddressPoints(shielded), points, "the attempt reached the route, not the shield");
    assertNoStore(refused, "the shield's 429", 429);
  });
});

it("leaks no password, hash or session cookie", { skip: POSTGRES_URL ? "SQLite only" : false }, () => {
  assertNoSecretsLeaked(server);
});
