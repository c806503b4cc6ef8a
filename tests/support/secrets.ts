// What a test file sent that must never come back: passwords (in any response, in the server's
// output) and credentials the server hands to clients, session cookies and API keys (in the
// server's output). Each test file runs in its own process,
// so these lists belong to one file and its one server.
import assert from "node:assert/strict";
import type { ApiResponse } from "./client";
import { db } from "./db";

// Shorter passwords are only sent to be refused, and could match ordinary text by chance.
const MIN_TRACKED_LENGTH = 8;
const HASH_PREFIX = "bcrypt_sha256";

const passwords = new Set<string>();
const credentials = new Set<string>();
const responses: string[] = [];

/** A password (never in a response), or with `issued`, a cookie or key the server gave out. */
export function remember(value: string, kind: { issued?: boolean } = {}): void {
  if (kind.issued) credentials.add(value);
  else if (value.length >= MIN_TRACKED_LENGTH) passwords.add(value);
}

export function rememberResponse(response: ApiResponse): void {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  responses.push(`${response.status}\n${headers}\n\n${response.text}`);
}

function firstHit(haystack: string, needles: Iterable<string>): string | undefined {
  for (const needle of needles) if (haystack.includes(needle)) return needle;
  return undefined;
}

function short(secret: string): string {
  return secret.length > 40 ? `${secret.slice(0, 40)}… (${secret.length} chars)` : secret;
}

/** Stored secrets: password hashes (whole, and bcrypt's part), session and API-key hashes. */
function storedSecrets(databasePath: string): string[] {
  const database = db(databasePath);
  try {
    const hashes = database
      .all<{ password: string }>(`SELECT password FROM "User"`)
      .flatMap(({ password }) => [password, password.slice(HASH_PREFIX.length + 1)]);
    const sessions = database
      .all<{ sessionToken: string }>(`SELECT sessionToken FROM "Session"`)
      .map((row) => row.sessionToken);
    const keys = database.all<{ keyHash: string }>(`SELECT keyHash FROM "ApiToken"`).map((row) => row.keyHash);
    return [...hashes, ...sessions, ...keys].filter((secret) => secret.length >= MIN_TRACKED_LENGTH);
  } finally {
    database.close();
  }
}

/** Asserts that no response and none of the server's output carried a secret of this file. */
export function assertNoSecretsLeaked(server: { databasePath: string; output(): string }): void {
  assert.ok(passwords.size > 0, "the file sent no password worth checking");
  const stored = storedSecrets(server.databasePath);
  const output = server.output();
  const everyResponse = responses.join("\n");

  for (const [where, text] of [
    ["a response", everyResponse],
    ["the server's output", output],
  ] as const) {
    assert.ok(!text.includes(HASH_PREFIX), `${where} contains "${HASH_PREFIX}"`);
    const password = firstHit(text, passwords);
    assert.equal(password, undefined, `${where} contains a password: ${short(password ?? "")}`);
    const secret = firstHit(text, stored);
    assert.equal(secret, undefined, `${where} contains a stored hash: ${short(secret ?? "")}`);
  }
  const credential = firstHit(output, credentials);
  assert.equal(
    credential,
    undefined,
    `the server's output contains a session cookie or API key: ${short(credential ?? "")}`,
  );
}
