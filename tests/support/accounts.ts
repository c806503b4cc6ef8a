// Small steps that many HTTP tests share: make up a user, register it, read who a client is.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { ApiResponse, Client } from "./client";

export const USER_KEYS = [
  "date_joined",
  "email",
  "email_verified",
  "first_name",
  "id",
  "is_staff",
  "last_login",
  "last_name",
  "username",
];
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let counter = 0;

/** A username no other test of this file uses (letters and digits only). */
export function uniqueName(prefix = "user"): string {
  counter += 1;
  return `${prefix}${counter}x${randomBytes(3).toString("hex")}`;
}

/** A password that passes every validator and resembles no username. */
export function strongPassword(): string {
  return `Pw-${randomBytes(12).toString("base64url")}`;
}

export type UserJson = {
  id: string;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  email_verified: boolean;
  is_staff: boolean;
  date_joined: string;
  last_login: string | null;
};

export type SessionJson = {
  is_authenticated: boolean;
  user: UserJson | null;
  auth: { scheme: string; sessionId?: string } | null;
};

/** The contract's user object: exactly these keys, string id, ISO timestamps with milliseconds. */
export function assertUserShape(value: unknown): asserts value is UserJson {
  assert.ok(value && typeof value === "object" && !Array.isArray(value), `not an object: ${JSON.stringify(value)}`);
  const user = value as Record<string, unknown>;
  assert.deepEqual(Object.keys(user).sort(), USER_KEYS);
  assert.equal(typeof user.id, "string");
  assert.ok((user.id as string).length > 0);
  for (const key of ["username", "first_name", "last_name", "email"]) assert.equal(typeof user[key], "string", key);
  assert.equal(typeof user.is_staff, "boolean");
  assert.equal(typeof user.email_verified, "boolean");
  assert.match(user.date_joined as string, ISO_MS);
  if (user.last_login !== null) assert.match(user.last_login as string, ISO_MS);
}

export type Account = { username: string; password: string; user: UserJson };

/** Registers (and so logs in) a new user through the API, asserting the 201. */
export async function registerAccount(browser: Client, fields: Record<string, unknown> = {}): Promise<Account> {
  const username = (fields.username as string | undefined) ?? uniqueName();
  const password = (fields.password as string | undefined) ?? strongPassword();
  const response = await browser.post("/api/register", { ...fields, username, password });
  assert.equal(response.status, 201, response.text);
  assertUserShape(response.json);
  return { username, password, user: response.json };
}

export async function logIn(
  browser: Client,
  username: string,
  password: string,
  headers?: Record<string, string>,
): Promise<ApiResponse> {
  return browser.post("/api/login", { username, password }, { headers });
}

/** GET /api/session, asserting the 200. */
export async function sessionOf(browser: Client): Promise<SessionJson> {
  const response = await browser.get("/api/session");
  assert.equal(response.status, 200, response.text);
  return response.json as SessionJson;
}

/** The session id this client is logged in with (asserting it is logged in). */
export async function sessionIdOf(browser: Client): Promise<string> {
  const session = await sessionOf(browser);
  assert.equal(session.is_authenticated, true, "the client is not logged in");
  assert.equal(session.auth?.scheme, "session");
  assert.equal(typeof session.auth?.sessionId, "string");
  return session.auth.sessionId as string;
}

export const ANONYMOUS_SESSION = { is_authenticated: false, user: null, auth: null };

export async function assertAnonymous(browser: Client): Promise<void> {
  assert.deepEqual(await sessionOf(browser), ANONYMOUS_SESSION);
}
