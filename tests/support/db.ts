// Direct reads of a test server's SQLite file, for what HTTP cannot show ("no row was written").
// Read-only unless a test must set up a state the API cannot (an inactive user).
import fs from "node:fs";
import Database from "libsql";
import { postgresDb } from "./postgres-db";

export type TestDatabase = {
  count(table: string, where?: string, ...params: unknown[]): number;
  get<Row>(sql: string, ...params: unknown[]): Row | undefined;
  all<Row>(sql: string, ...params: unknown[]): Row[];
  run(sql: string, ...params: unknown[]): number;
  /** The names of the app's tables. */
  tables(): string[];
  close(): void;
};

export function db(databasePath: string, options: { writable?: boolean } = {}): TestDatabase {
  if (databasePath.startsWith("postgres")) return postgresDb(databasePath);
  // libsql accepts but does not apply better-sqlite3's readonly, fileMustExist and timeout
  // options: the checks and pragmas below do their work.
  if (!fs.existsSync(databasePath)) throw new Error(`No test database at ${databasePath}.`);
  const database = new Database(databasePath);
  database.pragma("busy_timeout = 10000");
  if (!options.writable) database.pragma("query_only = ON");
  return {
    count(table, where = "1 = 1", ...params) {
      return (database.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`).get(...params) as { n: number })
        .n;
    },
    get: <Row>(sql: string, ...params: unknown[]) => database.prepare(sql).get(...params) as Row | undefined,
    all: <Row>(sql: string, ...params: unknown[]) => database.prepare(sql).all(...params) as Row[],
    run: (sql, ...params) => database.prepare(sql).run(...params).changes,
    tables: () =>
      (
        database
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
          .all() as Array<{ name: string }>
      ).map((row) => row.name),
    close: () => database.close(),
  };
}

/** Opens, reads, closes: `withDb(path, (d) => d.count("User"))`. */
export function withDb<T>(
  databasePath: string,
  read: (database: TestDatabase) => T,
  options: { writable?: boolean } = {},
): T {
  const database = db(databasePath, options);
  try {
    return read(database);
  } finally {
    database.close();
  }
}
