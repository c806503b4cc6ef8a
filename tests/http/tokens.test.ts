import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ISO_MS, registerAccount, sessionOf, type SessionJson } from "../support/accounts";
import { client, type Client } from "../support/client";
import { withDb } from "../support/db";
import {
  assertUnauthorized,
  basicHeader,
  columnsContaining,
  createToken,
  eventually,
  INVALID_TOKEN,
  NOT_AUTHENTICATED,
  PERMISSION_DENIED,
  tokenHeader,
  USER_INACTIVE,
} from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const DAY_MS = 86_400_000;

let server: TestServer;

before(async () => {
  // Many registrations and logins from 127.0.0.1: the address limits are out of the way.
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

function tokenRows(where: string, ...params: unknown[]): number {
  return withDb(server.databasePath, (database) => database.count("ApiToken", where, ...params));
}

/** A fresh client (no cookie) that sends this key: a script, not a browser. */
function script(key: string, keyword = "Token") {
  const anonymous = client(server.url);
  return {
    get: (path: string) => anonymous.get(path, { headers: tokenHeader(key, keyword) }),
    post: (path: string, body?: Record<string, unknown>) =>
      anonymous.post(path, body, { headers: tokenHeader(key, keyword) }),
    delete: (path: string) => anonymous.request("DELETE", path, undefined, { headers: tokenHeader(key, keyword) }),
  };
}

async function sessionWithKey(key: string, keyword = "Token"): Promise<SessionJson> {
  const response = await script(key, keyword).get("/api/session");
  assert.equal(response.status, 200, response.text);
  return response.json as SessionJson;
}

type TokenListItem = { id: string; name: string; created: string; last_used: string | null };

async function listTokens(browser: Client): Promise<TokenListItem[]> {
  const response = await browser.get("/api/tokens");
  assert.equal(response.status, 200, response.text);
  assert.ok(Array.isArray(response.json), response.text);
  return response.json as TokenListItem[];
}

describe("POST /api/tokens", () => {
  it("creates a token for a session: 201 with id, name, key and created; the key starts with vst_", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const response = await browser.post("/api/tokens", { name: "deploy script" });
    assert.equal(response.status, 201, response.text);
    const token = response.json as Record<string, unknown>;
    assert.deepEqual(Object.keys(token).sort(), ["created", "id", "key", "name", "permissions"]);
    assert.equal(typeof token.id, "string");
    assert.equal(token.name, "deploy script");
    assert.match(token.created as string, ISO_MS);
    assert.match(token.key as string, /^vst_\S{20,}$/);
    assert.equal(tokenRows("id = ? AND userId = ?", token.id, user.id), 1);
    await createToken(browser);
  });

  it("stores only the key's SHA-256: no column of the database contains the key", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const { id, key } = await createToken(browser, { name: "hashed" });
    assert.deepEqual(columnsContaining(server.databasePath, key), []);
    assert.deepEqual(columnsContaining(server.databasePath, key.slice("vst_".length)), []);
    const stored = withDb(server.databasePath, (database) =>
      database.get<{ keyHash: string }>(`SELECT keyHash FROM "ApiToken" WHERE id = ?`, id),
    );
    const digest = createHash("sha256").update(key).digest();
    assert.ok(
      [digest.toString("hex"), digest.toString("base64"), digest.toString("base64url")].includes(stored?.keyHash ?? ""),
      `keyHash ${stored?.keyHash} is not the key's SHA-256`,
    );
  });

  it("gives every token its own key", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const keys = new Set<string>();
    for (let index = 0; index < 5; index += 1) keys.add((await createToken(browser)).key);
    assert.equal(keys.size, 5);
  });

  it("creates a token for basic credentials (201), and that token works", async () => {
    const { username, password, user } = await registerAccount(client(server.url));
    const token = await createToken(client(server.url), { name: "from basic" }, basicHeader(username, password));
    const session = await sessionWithKey(token.key);
    assert.equal(session.user?.id, user.id);
    assert.deepEqual(session.auth, { scheme: "token", tokenId: token.id, name: "from basic" });
  });

  it("refuses a request authenticated by a token: 403 with the permission message, and no token is made", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const { key } = await createToken(browser);
    const before = tokenRows("userId = ?", user.id);
    for (const keyword of ["Token", "Bearer"]) {
      const response = await script(key, keyword).post("/api/tokens", { name: "minted by a token" });
      assert.equal(response.status, 403, response.text);
      assert.deepEqual(response.json, PERMISSION_DENIED);
      assert.ok(!response.text.includes("vst_"), "a key came back");
    }
    assert.equal(tokenRows("userId = ?", user.id), before);
  });

  it("answers 401 to an anonymous client and makes nothing", async () => {
    const before = tokenRows("1 = 1");
    assertUnauthorized(await client(server.url).post("/api/tokens", { name: "anonymous" }), NOT_AUTHENTICATED);
    assert.equal(tokenRows("1 = 1"), before);
  });
});

describe("GET /api/tokens", () => {
  it("lists the user's tokens without their keys", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const first = await createToken(browser, { name: "first" });
    const second = await createToken(browser, { name: "second" });
    const response = await browser.get("/api/tokens");
    assert.equal(response.status, 200, response.text);
    const tokens = response.json as TokenListItem[];
    assert.deepEqual(tokens.map((token) => token.id).sort(), [first.id, second.id].sort());
    for (const token of tokens) {
      assert.deepEqual(Object.keys(token).sort(), ["created", "id", "last_used", "name", "permissions"]);
      assert.match(token.created, ISO_MS);
    }
    assert.ok(!response.text.includes(first.key) && !response.text.includes(second.key), "a key was listed");
    assert.ok(!response.text.includes("vst_"), "a key was listed");
  });

  it("lists only the caller's own tokens", async () => {
    const alice = client(server.url);
    await registerAccount(alice);
    const bob = client(server.url);
    await registerAccount(bob);
    const alices = await createToken(alice);
    const bobs = await createToken(bob);
    assert.deepEqual(
      (await listTokens(alice)).map((token) => token.id),
      [alices.id],
    );
    assert.deepEqual(
      (await listTokens(bob)).map((token) => token.id),
      [bobs.id],
    );
  });
});

describe("The token scheme", () => {
  it("authenticates Authorization: Token <key> with auth {scheme: token, tokenId, name}", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const token = await createToken(browser, { name: "ci" });
    const session = await sessionWithKey(token.key);
    assert.equal(session.is_authenticated, true);
    assert.deepEqual(session.user, (await sessionOf(browser)).user);
    assert.equal(session.user?.id, user.id);
    assert.deepEqual(session.auth, { scheme: "token", tokenId: token.id, name: "ci" });
    const me = await script(token.key).get("/api/me");
    assert.equal(me.status, 200, me.text);
    assert.equal((me.json as { id: string }).id, user.id);
  });

  it("authenticates Authorization: Bearer <key> the same way", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const token = await createToken(browser, { name: "bearer" });
    const session = await sessionWithKey(token.key, "Bearer");
    assert.equal(session.user?.id, user.id);
    assert.deepEqual(session.auth, { scheme: "token", tokenId: token.id, name: "bearer" });
  });

  it("sets a token's last_used once it has been used", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const token = await createToken(browser);
    const unused = (await listTokens(browser)).find((item) => item.id === token.id);
    assert.equal(unused?.last_used, null);

    assert.equal((await script(token.key).get("/api/me")).status, 200);
    const used = await eventually(
      async () => (await listTokens(browser)).find((item) => item.id === token.id)?.last_used ?? null,
      (value) => value !== null,
      "last_used after the token was used",
    );
    assert.match(used as string, ISO_MS);
    assert.ok(Date.parse(used as string) >= Date.parse(token.created));
    const stored = withDb(server.databasePath, (database) =>
      database.get<{ lastUsedAt: string | null }>(`SELECT lastUsedAt FROM "ApiToken" WHERE id = ?`, token.id),
    );
    assert.notEqual(stored?.lastUsedAt, null);
  });

  it("lets a user hold several tokens, each authenticating as itself", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const tokens = [
      await createToken(browser, { name: "laptop" }),
      await createToken(browser, { name: "ci" }),
      await createToken(browser, { name: "phone" }),
    ];
    for (const token of tokens) {
      const session = await sessionWithKey(token.key);
      assert.equal(session.user?.id, user.id);
      assert.deepEqual(session.auth, { scheme: "token", tokenId: token.id, name: token.name });
    }
    assert.deepEqual(
      (await listTokens(browser)).map((token) => token.id).sort(),
      tokens.map((token) => token.id).sort(),
    );
  });

  it("answers 401 Invalid token. to a key that names no token, even where anonymity is allowed", async () => {
    for (const key of ["vst_thisKeyWasNeverIssuedByTheServer0000000000", "not-a-vestibule-key", "vst_"]) {
      assertUnauthorized(await script(key).get("/api/session"), INVALID_TOKEN);
      assertUnauthorized(await script(key).get("/api/me"), INVALID_TOKEN);
      assertUnauthorized(await script(key, "Bearer").get("/api/me"), INVALID_TOKEN);
    }
  });

  it('answers 401 "Invalid token header. No credentials provided." to "Token" alone', async () => {
    for (const header of ["Token", "Token ", "Bearer"]) {
      const response = await client(server.url).get("/api/me", { headers: { authorization: header } });
      assertUnauthorized(response, { detail: "Invalid token header. No credentials provided." });
    }
  });

  it('answers 401 "Invalid token header. Token string should not contain spaces." to "Token a b"', async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const { key } = await createToken(browser);
    for (const header of ["Token a b", `Token ${key} extra`, `Bearer ${key} ${key}`]) {
      const response = await client(server.url).get("/api/me", { headers: { authorization: header } });
      assertUnauthorized(response, { detail: "Invalid token header. Token string should not contain spaces." });
    }
  });

  it("answers 401 User inactive or deleted. to an inactive user's token", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser);
    const { key } = await createToken(browser);
    assert.equal((await script(key).get("/api/me")).status, 200);
    withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET isActive = 0 WHERE id = ?`, user.id), {
      writable: true,
    });
    assertUnauthorized(await script(key).get("/api/me"), USER_INACTIVE);
    assertUnauthorized(await script(key).get("/api/session"), USER_INACTIVE);
  });
});

describe("DELETE /api/tokens/{id}", () => {
  it("deletes the caller's own token: 204, and the very next request with it is 401 Invalid token.", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const doomed = await createToken(browser, { name: "doomed" });
    const kept = await createToken(browser, { name: "kept" });
    assert.equal((await script(doomed.key).get("/api/me")).status, 200);

    const response = await browser.request("DELETE", `/api/tokens/${doomed.id}`);
    assert.equal(response.status, 204, response.text);
    assert.equal(response.text, "");

    assertUnauthorized(await script(doomed.key).get("/api/me"), INVALID_TOKEN);
    assert.equal(tokenRows("id = ?", doomed.id), 0);
    assert.deepEqual(
      (await listTokens(browser)).map((token) => token.id),
      [kept.id],
    );
    assert.equal((await script(kept.key).get("/api/me")).status, 200);
  });

  it("lets a token delete itself, after which it is 401 Invalid token.", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const token = await createToken(browser);
    const response = await script(token.key).delete(`/api/tokens/${token.id}`);
    assert.equal(response.status, 204, response.text);
    assertUnauthorized(await script(token.key).get("/api/session"), INVALID_TOKEN);
  });

  it("answers 404 for another user's token, which keeps working", async () => {
    const alice = client(server.url);
    await registerAccount(alice);
    const bob = client(server.url);
    const { user: bobUser } = await registerAccount(bob);
    const bobs = await createToken(bob, { name: "bob's" });

    const response = await alice.request("DELETE", `/api/tokens/${bobs.id}`);
    assert.equal(response.status, 404, response.text);
    assert.deepEqual(response.json, { detail: "Not found." });
    assert.equal(tokenRows("id = ?", bobs.id), 1);
    const session = await sessionWithKey(bobs.key);
    assert.equal(session.user?.id, bobUser.id);
    assert.deepEqual(
      (await listTokens(bob)).map((token) => token.id),
      [bobs.id],
    );
  });

  it("answers 404 for an id that names no token", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const response = await browser.request("DELETE", "/api/tokens/no-such-token");
    assert.equal(response.status, 404, response.text);
    assert.deepEqual(response.json, { detail: "Not found." });
  });

  it("answers 401 to an anonymous client and deletes nothing", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const token = await createToken(browser);
    assertUnauthorized(await client(server.url).request("DELETE", `/api/tokens/${token.id}`), NOT_AUTHENTICATED);
    assert.equal(tokenRows("id = ?", token.id), 1);
  });
});

describe("Token expiry", () => {
  it("makes a token with expires_in_days: 1 that expires a day later, and is 401 Invalid token. once past it", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const before = Date.now();
    const token = await createToken(browser, { name: "short-lived", expires_in_days: 1 });
    const after = Date.now();
    const stored = withDb(server.databasePath, (database) =>
      database.get<{ expiresAt: string | null }>(`SELECT expiresAt FROM "ApiToken" WHERE id = ?`, token.id),
    );
    assert.ok(stored?.expiresAt, "no expiry was stored");
    const expiresAt = Date.parse(stored.expiresAt);
    assert.ok(
      expiresAt >= before + DAY_MS - 1000 && expiresAt <= after + DAY_MS + 1000,
      `expiresAt ${stored.expiresAt} is not a day from now`,
    );
    assert.equal((await script(token.key).get("/api/me")).status, 200);

    const past = new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00");
    withDb(
      server.databasePath,
      (database) => database.run(`UPDATE "ApiToken" SET expiresAt = ? WHERE id = ?`, past, token.id),
      { writable: true },
    );
    assertUnauthorized(await script(token.key).get("/api/me"), INVALID_TOKEN);
    assertUnauthorized(await script(token.key, "Bearer").get("/api/session"), INVALID_TOKEN);
  });

  it("makes a token without expires_in_days that never expires", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const token = await createToken(browser);
    const stored = withDb(server.databasePath, (database) =>
      database.get<{ expiresAt: string | null }>(`SELECT expiresAt FROM "ApiToken" WHERE id = ?`, token.id),
    );
    assert.equal(stored?.expiresAt, null);
  });
});

describe("Anonymous calls to protected endpoints", () => {
  const PROTECTED: Array<[string, string, Record<string, unknown>?]> = [
    ["GET", "/api/me"],
    ["PATCH", "/api/me", { first_name: "Anon" }],
    ["POST", "/api/password/change", { old_password: "whatever-old-1", new_password: "whatever-new-1" }],
    ["GET", "/api/sessions"],
    ["DELETE", "/api/sessions/some-id"],
    ["GET", "/api/tokens"],
    ["POST", "/api/tokens", { name: "anonymous" }],
    ["DELETE", "/api/tokens/some-id"],
    ["GET", "/api/events"],
    ["GET", "/api/admin/users"],
    ["GET", "/api/admin/users/some-id"],
    ["PATCH", "/api/admin/users/some-id", { is_staff: true }],
  ];

  for (const [method, path, body] of PROTECTED) {
    it(`answers ${method} ${path} with 401, the exact message and WWW-Authenticate: Token`, async () => {
      assertUnauthorized(await client(server.url).request(method, path, body), NOT_AUTHENTICATED);
    });
  }
});

it("leaks no password, hash, session cookie or API key", () => {
  assertNoSecretsLeaked(server);
});
