import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type Database from "better-sqlite3";

// SQLite shared by several server processes (npm start runs one per core). The database is in WAL
// mode (scripts/migrate.mjs): readers never wait, and a writer waits up to BUSY_TIMEOUT_MS for
// another process's write to finish instead of failing. One case the wait cannot cover: Prisma's
// adapter opens transactions with a plain (deferred) BEGIN, which takes the write lock only at the
// first write; if another process wrote since the transaction's first read, SQLite answers
// SQLITE_BUSY at once (no waiting could help that snapshot). Transactions that start with
// BEGIN IMMEDIATE take the write lock first, so they queue behind other writers instead.
const BUSY_TIMEOUT_MS = 10_000;

type WithClient = SqlDriverAdapter & { client?: Database.Database };

export function sqliteAdapterFactory(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter: WithClient = await connect();
    const db = adapter.client;
    // The adapter's own field (@prisma/adapter-better-sqlite3 6.19): fail loudly if it moves.
    if (!db)
      throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its database: update lib/sqlite-adapter.ts.");
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof db.prepare;
    return adapter;
  };
  return factory;
}
