import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocument } from "@/lib/openapi";

const API_DIR = path.resolve("app", "api");

/** Every endpoint under app/api as an OpenAPI path ("[id]" → "{id}"); not the JSON 404s for unknown paths. */
function routePaths(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[...") || entry.name.startsWith("[[...") ? [] : routePaths(full);
    if (entry.name !== "route.ts" || !fs.readFileSync(full, "utf8").includes("endpoint({")) return [];
    return ["/api/" + path.relative(API_DIR, dir).split(path.sep).map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/")];
  });
}

/** The methods a route file implements, read from the `endpoint({ ... })` call. */
function implementedMethods(routePath: string): string[] {
  const file = path.join(API_DIR, routePath.replace(/^\/api\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  const source = fs.readFileSync(file, "utf8");
  const spec = source.slice(source.indexOf("endpoint({"));
  return ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((method) => new RegExp(`\\b(async )?${method}\\b\\s*[(:]`).test(spec)).map((m) => m.toLowerCase());
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

  it("lists every route handler under app/api with the methods it implements", () => {
    const routes = routePaths();
    assert.ok(routes.length >= 15, `found only ${routes.length} routes`);
    for (const route of routes) {
      assert.ok(document.paths[route], `${route} is missing from the document`);
      assert.deepEqual(Object.keys(document.paths[route]).sort(), implementedMethods(route).sort(), `methods of ${route}`);
    }
    assert.deepEqual(Object.keys(document.paths).sort(), routes.sort(), "the document lists no route that does not exist");
  });

  it("documents the three schemes and the error shapes", () => {
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ["basic", "bearer", "session", "token"]);
    const login = document.paths["/api/login"].post.responses as Record<string, unknown>;
    for (const status of ["200", "400", "403", "405", "413", "415", "429", "500", "503"]) assert.ok(login[status], `login lacks ${status}`);
    const body = document.paths["/api/register"].post.requestBody?.content["application/json"].schema as { required: string[] };
    assert.deepEqual(body.required, ["username", "password"]);
  });
});
