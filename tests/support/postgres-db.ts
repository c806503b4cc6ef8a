// tests/support/db.ts's interface on PostgreSQL, for `npm run test:postgres`. The tests are
// written once, in SQLite's terms, and this shim keeps them true on PostgreSQL:
// - synchronous, like better-sqlite3 (each call is one `psql` run);
// - the camelCase column names the tests write bare are quoted (PostgreSQL folds bare names);
// - 0/1 compared with or assigned to a boolean column become false/true, and booleans read
//   back as 0/1; timestamps read back as ISO strings with their UTC offset, as SQLite has them.
import { execFileSync } from "node:child_process";
import type { TestDatabase } from "./db";

const CAMEL_COLUMNS = [
  "usernameKey",
  "firstName",
  "lastName",
  "isActive",
  "isStaff",
  "isSuperuser",
  "dateJoined",
  "lastLogin",
  "emailVerified",
  "resetRequestedAt",
  "sessionToken",
  "userId",
  "createdAt",
  "lastUsedAt",
  "userAgent",
  "keyHash",
  "expiresAt",
  "providerAccountId",
];
const BOOLEAN_COLUMNS = ["isActive", "isStaff", "isSuperuser"];

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

function translate(sql: string, params: unknown[]): string {
  let index = 0;
  let text = sql.replace(/\?/g, () => literal(params[index++]));
  for (const column of CAMEL_COLUMNS)
    text = text.replace(new RegExp(`(?<![\\w"])${column}(?![\\w"])`, "g"), `"${column}"`);
  for (const column of BOOLEAN_COLUMNS)
    text = text.replace(
      new RegExp(`"${column}"\\s*=\\s*([01])\\b`, "g"),
      (_, bit: string) => `"${column}" = ${bit === "1"}`,
    );
  return text;
}

function normalise(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(value)) return `${value}+00:00`;
  return value;
}

export function postgresDb(url: string): TestDatabase {
  const psql = (sql: string) =>
    execFileSync("psql", [url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], {
      encoding: "utf8",
    }).trim();
  const all = <Row>(sql: string, ...params: unknown[]): Row[] => {
    const rows = JSON.parse(
      psql(`SELECT coalesce(json_agg(row_to_json(t)), '[]'::json) FROM (${translate(sql, params)}) t`),
    ) as Array<Record<string, unknown>>;
    return rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, normalise(value)])),
    ) as Row[];
  };
  return {
    count: (table, where = "1 = 1", ...params) =>
      Number(psql(`SELECT COUNT(*) FROM "${table}" WHERE ${translate(where, params)}`)),
    get: <Row>(sql: string, ...params: unknown[]) => all<Row>(sql, ...params)[0],
    all,
    run: (sql, ...params) =>
      Number(psql(`WITH changed AS (${translate(sql, params)} RETURNING 1) SELECT COUNT(*) FROM changed`)),
    tables: () =>
      all<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
      ).map((row) => row.name),
    close: () => {},
  };
}
