// Steps the token, basic-auth, account and staff tests share: Authorization headers, minting an
// API token through the API, and reading what a fire-and-forget write left in the database.
import assert from "node:assert/strict";
import type { ApiResponse, Client } from "./client";
import { withDb } from "./db";
import { remember } from "./secrets";

export const INVALID_TOKEN = { detail: "Invalid token." };
export const NOT_AUTHENTICATED = { detail: "Authentication credentials were not provided." };
export const PERMISSION_DENIED = { detail: "You do not have permission to perform this action." };
export const USER_INACTIVE = { detail: "User inactive or deleted." };
export const INVALID_BASIC = { detail: "Invalid username/password." };
export const INVALID_LOGIN = { non_field_errors: ["Unable to log in with provided credentials."] };

export function basicHeader(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}` };
}

export function tokenHeader(key: string, keyword = "Token"): Record<string, string> {
  return { authorization: `${keyword} ${key}` };
}

export type IssuedToken = { id: string; name: string; key: string; created: string };

/** POST /api/tokens as `browser` (with `headers`, e.g. basic credentials), asserting the 201. */
export async function createToken(
  browser: Client,
  body: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<IssuedToken> {
  const response = await browser.post("/api/tokens", body, { headers });
  assert.equal(response.status, 201, response.text);
  const token = response.json as IssuedToken;
  assert.equal(typeof token.key, "string");
  // A key the server handed out: it must never appear in the server's output.
  remember(token.key, { issued: true });
  return token;
}

/** The contract's 401: this body, and WWW-Authenticate: Token as DRF sends it. */
export function assertUnauthorized(response: ApiResponse, body: unknown): void {
  assert.equal(response.status, 401, response.text);
  assert.deepEqual(response.json, body);
  assert.equal(response.headers.get("www-authenticate"), "Token");
}

/** Every "table.column" of the database whose value contains `needle`. */
export function columnsContaining(databasePath: string, needle: string): string[] {
  return withDb(databasePath, (database) => {
    return database.tables().flatMap((table) => {
      const rows = database.all<Record<string, unknown>>(`SELECT * FROM "${table}"`);
      const hits = new Set<string>();
      for (const row of rows)
        for (const [column, value] of Object.entries(row))
          if (String(value).includes(needle)) hits.add(`${table}.${column}`);
      return [...hits];
    });
  });
}

/**
 * Reads until `read` gives a value that `accept` likes, for writes the server makes after it has
 * answered ("last used" touches, mail). The bound is a number of reads, not a time.
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  reads = 100,
): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < reads && !accept(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  assert.ok(accept(value), `${what}: still ${JSON.stringify(value)}`);
  return value;
}

/** The same browser (one cookie jar), sending this User-Agent on every request. */
export function withUserAgent(browser: Client, userAgent: string): Client {
  const headers = (options?: { headers?: Record<string, string> }) => ({
    headers: { "user-agent": userAgent, ...options?.headers },
  });
  return {
    ...browser,
    get: (path, options) => browser.get(path, headers(options)),
    post: (path, body, options) => browser.post(path, body, headers(options)),
    request: (method, path, body, options) => browser.request(method, path, body, headers(options)),
  };
}
