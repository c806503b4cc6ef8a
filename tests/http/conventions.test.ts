import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client, type ApiResponse } from "../support/client";
import { withDb } from "../support/db";
import { assertNoSecretsLeaked, remember } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const KIB_64 = 64 * 1024;
const BODY_ENDPOINTS = ["/api/register", "/api/login", "/api/logout"];

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

function assertJsonError(response: ApiResponse, status: number): void {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  assert.ok(response.json && typeof response.json === "object", response.text);
}

function userCount(): number {
  return withDb(server.databasePath, (database) => database.count("User"));
}

describe("Conventions: request bodies", () => {
  for (const type of ["text/plain", "application/xml", "multipart/form-data; boundary=xyz"]) {
    it(`refuses a ${type} body with 415`, async () => {
      for (const path of BODY_ENDPOINTS) {
        const response = await client(server.url).post(path, "username=a&password=b", {
          headers: { "content-type": type },
        });
        assertJsonError(response, 415);
        assert.deepEqual(response.json, { detail: `Unsupported media type "${type}" in request.` }, path);
      }
    });
  }

  it("refuses a body sent without a content type as text/plain (fetch's default) with 415", async () => {
    const response = await fetch(`${server.url}/api/login`, { method: "POST", body: "hello" });
    assert.equal(response.status, 415);
    assert.deepEqual(await response.json(), {
      detail: 'Unsupported media type "text/plain;charset=UTF-8" in request.',
    });
  });

  it("refuses a 415 registration without creating a user", async () => {
    const before = userCount();
    const username = uniqueName();
    const response = await client(server.url).post(
      "/api/register",
      JSON.stringify({ username, password: strongPassword() }),
      { headers: { "content-type": "text/plain" } },
    );
    assertJsonError(response, 415);
    assert.equal(userCount(), before);
  });

  describe("malformed JSON", () => {
    // Each body hides a password-like secret; a parse error must never quote it back.
    const bodies = [
      (secret: string) => `{"username": "alice", "password": "${secret}"`,
      (secret: string) => `{"username": "alice", "password": ${secret}}`,
      (secret: string) => `{"password": ${secret}}`,
      (secret: string) => `{'username': 'alice', 'password': '${secret}'}`,
      (secret: string) => `${secret}`,
      (secret: string) => `{"password": "${secret}",}`,
      (secret: string) => `{"password": "${secret}"}}`,
      (secret: string) => `{"username": "${"a".repeat(60)}", "password": ${secret}, "x": 1}`,
      (secret: string) => `{"password": "${secret}\u0001"}`,
    ];
    bodies.forEach((body, index) => {
      it(`answers 400 "JSON parse error - …" without echoing the body (#${index + 1}: ${body("SECRET")})`, async () => {
        const secret = `Leaky${index}Secret${strongPassword()}`;
        remember(secret);
        for (const path of BODY_ENDPOINTS) {
          const response = await client(server.url).post(path, body(secret));
          assertJsonError(response, 400);
          const { detail } = response.json as { detail: string };
          assert.equal(typeof detail, "string", response.text);
          assert.ok(detail.startsWith("JSON parse error - "), detail);
          assert.ok(detail.length > "JSON parse error - ".length, "no reason given");
          assert.ok(!response.text.includes("Leaky"), `${path} echoed the body: ${response.text}`);
          assert.ok(!response.text.includes(secret.slice(5, 15)), `${path} echoed the body: ${response.text}`);
        }
      });
    });
  });

  for (const [label, body] of [
    ["an array", "[]"],
    ["a string", '"x"'],
    ["a number", "1"],
    ["a boolean", "true"],
    ["null", "null"],
    ["an array of an object", '[{"username":"a"}]'],
  ]) {
    it(`refuses ${label} as the body with 400`, async () => {
      for (const path of BODY_ENDPOINTS) {
        const response = await client(server.url).post(path, body);
        assertJsonError(response, 400);
      }
    });
  }

  it("answers 413 to a body of 64 KiB + 1 byte", async () => {
    const before = userCount();
    const password = strongPassword();
    const head = `{"username": "${uniqueName()}", "password": "${password}", "padding": "`;
    const body = `${head}${"x".repeat(KIB_64 + 1 - head.length - 2)}"}`;
    assert.equal(Buffer.byteLength(body), KIB_64 + 1);
    for (const path of BODY_ENDPOINTS) {
      const response = await client(server.url).post(path, body);
      assertJsonError(response, 413);
    }
    assert.equal(userCount(), before);
  });

  it("answers 413 to a much larger body", async () => {
    const response = await client(server.url).post("/api/login", `{"padding": "${"x".repeat(1024 * 1024)}"}`);
    assertJsonError(response, 413);
  });

  it("answers 413 to an oversized chunked body that declares no length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 5) return controller.close();
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"padding": "'));
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await client(server.url).post("/api/login", stream);
    assertJsonError(response, 413);
  });

  it("accepts a body of exactly 64 KiB", async () => {
    const head = `{"username": "${uniqueName()}", "password": "${strongPassword()}", "padding": "`;
    const body = `${head}${"x".repeat(KIB_64 - head.length - 2)}"}`;
    assert.equal(Buffer.byteLength(body), KIB_64);
    const response = await client(server.url).post("/api/register", body);
    assert.equal(response.status, 201, response.text);
  });

  it("treats an empty JSON body as an empty object", async () => {
    const response = await client(server.url).post("/api/login", "");
    assert.equal(response.status, 400);
    assert.deepEqual(response.json, { username: ["This field is required."], password: ["This field is required."] });
  });
});

describe("Conventions: methods", () => {
  const cases: Array<[method: string, path: string, allowed: string[]]> = [
    ["GET", "/api/login", ["POST"]],
    ["PUT", "/api/login", ["POST"]],
    ["GET", "/api/register", ["POST"]],
    ["DELETE", "/api/register", ["POST"]],
    ["GET", "/api/logout", ["POST"]],
    ["PATCH", "/api/logout", ["POST"]],
    ["DELETE", "/api/session", ["GET"]],
    ["POST", "/api/session", ["GET"]],
    ["PUT", "/api/session", ["GET"]],
    ["POST", "/api/me", ["GET", "PATCH", "DELETE"]],
    ["PUT", "/api/me", ["GET", "PATCH", "DELETE"]],
  ];
  for (const [method, path, allowed] of cases) {
    it(`answers ${method} ${path} with 405, the exact message and an Allow header`, async () => {
      const response = await client(server.url).request(method, path);
      assertJsonError(response, 405);
      assert.deepEqual(response.json, { detail: `Method "${method}" not allowed.` });
      const allow = (response.headers.get("allow") ?? "")
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
      for (const name of allowed) assert.ok(allow.includes(name), `Allow "${allow}" lacks ${name}`);
      assert.ok(!allow.includes(method), `Allow "${allow}" names ${method}`);
    });
  }

  it("answers 405 before it looks at the body or the session", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const response = await browser.request("PUT", "/api/login", "not json at all", {
      headers: { origin: "http://evil.example" },
    });
    assertJsonError(response, 405);
    assert.deepEqual(response.json, { detail: 'Method "PUT" not allowed.' });
  });
});

describe("Conventions: unknown paths", () => {
  for (const path of ["/api/nope", "/api/nope/deeper/still", "/api/login/extra", "/api/users"]) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      it(`answers ${method} ${path} with a JSON 404`, async () => {
        const response = await client(server.url).request(
          method,
          path,
          method === "GET" ? undefined : { username: "x" },
        );
        assertJsonError(response, 404);
        assert.deepEqual(response.json, { detail: "Not found." });
      });
    }
  }
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
