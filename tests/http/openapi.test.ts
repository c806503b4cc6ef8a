import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { registerAccount } from "../support/accounts";
import { client, type ApiResponse } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

// The endpoint table of the contract (docs/API.md): method, path and the success status it names.
const CONTRACT: Array<[string, string, number]> = [
  ["post", "/api/register", 201],
  ["post", "/api/login", 200],
  ["post", "/api/logout", 200],
  ["get", "/api/session", 200],
  ["get", "/api/me", 200],
  ["patch", "/api/me", 200],
  ["post", "/api/password/change", 200],
  ["get", "/api/sessions", 200],
  ["delete", "/api/sessions/{id}", 204],
  ["post", "/api/tokens", 201],
  ["get", "/api/tokens", 200],
  ["delete", "/api/tokens/{id}", 204],
  ["get", "/api/events", 200],
  ["post", "/api/password/reset", 200],
  ["post", "/api/password/reset/confirm", 200],
  ["get", "/api/openapi.json", 200],
  ["get", "/api/admin/users", 200],
  ["patch", "/api/admin/users/{id}", 200],
  ["post", "/api/login/mfa", 200],
  ["post", "/api/login/mfa/passkey-options", 200],
  ["get", "/api/mfa", 200],
  ["post", "/api/mfa/totp", 200],
  ["post", "/api/mfa/totp/confirm", 200],
  ["delete", "/api/mfa/totp", 204],
  ["post", "/api/mfa/recovery-codes", 200],
  ["post", "/api/passkeys/options", 200],
  ["post", "/api/passkeys", 201],
  ["get", "/api/passkeys", 200],
  ["delete", "/api/passkeys/{id}", 204],
  ["post", "/api/login/passkey/options", 200],
  ["post", "/api/login/passkey", 200],
];

type Operation = {
  responses?: Record<string, unknown>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
};
type PathItem = Record<string, Operation> & { parameters?: Operation["parameters"] };
type Document = { openapi: string; info?: { title?: string; version?: string }; paths: Record<string, PathItem> };

let server: TestServer;
let response: ApiResponse;
let document: Document;

before(async () => {
  server = await startServer();
  response = await client(server.url).get("/api/openapi.json");
  document = response.json as Document;
});

after(async () => {
  await server?.stop();
});

describe("GET /api/openapi.json", () => {
  it("answers anyone with 200 and a JSON OpenAPI 3.1.0 document", () => {
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(document.openapi, "3.1.0");
    assert.equal(typeof document.info?.title, "string");
    assert.equal(typeof document.info?.version, "string");
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(response.text));
    assert.equal(validator.version, "3.1");
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
  });

  for (const [method, path, status] of CONTRACT) {
    it(`documents ${method.toUpperCase()} ${path} with its ${status}`, () => {
      const item = document.paths?.[path];
      assert.ok(item, `no path ${path} in ${Object.keys(document.paths ?? {}).join(", ")}`);
      const operation = item[method];
      assert.ok(operation, `${path} has no ${method}: ${Object.keys(item).join(", ")}`);
      assert.ok(
        operation.responses?.[String(status)],
        `${method} ${path} documents ${Object.keys(operation.responses ?? {}).join(", ")}, not ${status}`,
      );
      if (path.includes("{id}")) {
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
        const id = parameters.find((parameter) => parameter.name === "id");
        assert.ok(id, `${method} ${path} does not declare its id parameter`);
        assert.equal(id.in, "path");
        assert.equal(id.required, true);
      }
    });
  }

  it("documents no endpoint that does not exist: every documented operation is answered, not 404 or 405", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item).filter((key) => ["get", "post", "put", "patch", "delete"].includes(key))) {
        if (method === "post" && path === "/api/logout") continue;
        const concrete = path.replace("{id}", "no-such-id");
        assert.ok(!concrete.includes("{"), `an unexpected path parameter in ${path}`);
        const answer = await browser.request(
          method.toUpperCase(),
          concrete,
          method === "get" || method === "delete" ? undefined : {},
        );
        assert.notEqual(answer.status, 405, `${method} ${path}: ${answer.text}`);
        // An unknown id is a 404 of the handler itself; the other paths must be answered.
        if (!path.includes("{id}")) assert.notEqual(answer.status, 404, `${method} ${path}: ${answer.text}`);
      }
    }
  });

  it("is the same document for an anonymous and a logged-in client", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const again = await browser.get("/api/openapi.json");
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, document);
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
