import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { ROUTES } from "@/lib/api/routes";
import { openApiDocument } from "@/lib/openapi";

const API_DIR = path.resolve("app", "api");

/** Every route.ts under app/api as an OpenAPI path ("[id]" → "{id}"); not the catch-all's JSON 404s. */
function routePaths(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name.startsWith("[[...") || entry.name.startsWith("[...") ? [] : routePaths(full);
    if (entry.name !== "route.ts") return [];
    return [
      "/api/" +
        path
          .relative(API_DIR, dir)
          .split(path.sep)
          .map((part) => part.replace(/^\[(\w+)\]$/, "{$1}"))
          .join("/"),
    ];
  });
}

describe("the OpenAPI document", () => {
  const document = openApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    assert.equal(validator.version, "3.1");
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
  });

  it("declares every route under app/api, and documents each declared route with the methods it declares", () => {
    // endpoint(path, handlers) makes a route.ts implement exactly its declared methods (a type
    // error, and an error on import otherwise); what is left to check is that no route.ts is undeclared.
    const routes = routePaths();
    assert.ok(routes.length >= 15, `found only ${routes.length} routes`);
    assert.deepEqual(
      Object.keys(ROUTES).sort(),
      routes.sort(),
      "the declared routes are the route.ts files under app/api",
    );
    for (const [route, methods] of Object.entries(ROUTES)) {
      assert.deepEqual(
        Object.keys(document.paths[route] ?? {}).sort(),
        Object.keys(methods).sort(),
        `methods of ${route}`,
      );
    }
    assert.deepEqual(
      Object.keys(document.paths).sort(),
      routes.sort(),
      "the document lists no route that does not exist",
    );
  });

  it("documents the three schemes and the error shapes", () => {
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ["basic", "bearer", "session", "token"]);
    const login = document.paths["/api/login"].post.responses as Record<string, unknown>;
    for (const status of ["200", "400", "403", "405", "413", "415", "429", "500", "503"])
      assert.ok(login[status], `login lacks ${status}`);
    const body = document.paths["/api/register"].post.requestBody?.content["application/json"].schema as {
      required: string[];
    };
    assert.deepEqual(body.required, ["username", "password"]);
  });
});
