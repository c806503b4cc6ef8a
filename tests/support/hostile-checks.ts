// What every answer to a hostile request must look like, and the rows a refused one must not write.
import assert from "node:assert/strict";
import type { ApiResponse } from "./client";
import { withDb } from "./db";
import { preview } from "./hostile-inputs";

// The contract's statuses (docs/API.md): never a 5xx, never Node's or Next.js's own pages.
export const CONTRACT_STATUSES = new Set([200, 201, 204, 400, 401, 403, 404, 405, 413, 415, 429]);

// Traces of internals in a body: a stack frame, a path into dependencies, an exception's name.
const INTERNALS = ["    at ", "node_modules", "Error:", "bcrypt_sha256"];

/** Asserts the contract's shape of any answer: a listed status, JSON (but 204), no internals. */
export function assertContractResponse(response: ApiResponse, request: string): void {
  const seen = `${request}\n  → ${response.status} ${response.headers.get("content-type") ?? "(no content-type)"} ${preview(response.text, 300)}`;
  assert.ok(
    CONTRACT_STATUSES.has(response.status),
    `status ${response.status} is not one of the contract's:\n  ${seen}`,
  );
  if (response.status === 204) {
    assert.equal(response.text, "", `a 204 with a body:\n  ${seen}`);
  } else {
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/, `not a JSON answer:\n  ${seen}`);
    assert.ok(
      response.json !== null && typeof response.json === "object",
      `the JSON is not an object or a list:\n  ${seen}`,
    );
  }
  for (const trace of INTERNALS)
    assert.ok(!response.text.includes(trace), `the body contains ${JSON.stringify(trace)}:\n  ${seen}`);
}

export type RowCounts = { User: number; Session: number; ApiToken: number };

export function rowCounts(databasePath: string): RowCounts {
  // One query for the three counts: on PostgreSQL each query is a psql run.
  return withDb(databasePath, (database) => {
    const row = database.get<RowCounts>(
      `SELECT (SELECT COUNT(*) FROM "User") AS "User", (SELECT COUNT(*) FROM "Session") AS "Session", (SELECT COUNT(*) FROM "ApiToken") AS "ApiToken"`,
    );
    return { User: Number(row?.User), Session: Number(row?.Session), ApiToken: Number(row?.ApiToken) };
  });
}

/** A refused request (status >= 400) wrote no user, session or token. */
export function assertNothingWritten(
  response: ApiResponse,
  before: RowCounts,
  after: RowCounts,
  request: string,
): void {
  if (response.status < 400) return;
  assert.deepEqual(
    after,
    before,
    `a refused request (${response.status}) changed the rows:\n  ${request}\n  → ${preview(response.text, 200)}`,
  );
}

/** The server's reports of faults (the app's "unhandled error" log, Next.js's ⨯), one short line each, counted. */
export function faultLines(output: string): string[] {
  const counts = new Map<string, number>();
  for (const line of output.split("\n")) {
    if (!/unhandled error/i.test(line) && !line.includes("⨯")) continue;
    let summary = line.slice(0, 200);
    try {
      const entry = JSON.parse(line) as { msg?: string; path?: string; err?: { message?: string } };
      summary = `${entry.msg} (${entry.path}): ${entry.err?.message ?? ""}`.slice(0, 200);
    } catch {
      // Not one of the app's JSON log lines: shown as it is.
    }
    counts.set(summary, (counts.get(summary) ?? 0) + 1);
  }
  return [...counts].map(([summary, count]) => `${count} × ${summary}`);
}
