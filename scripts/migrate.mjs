// Applies the committed migration SQL in order, once, inside transactions.
//
// Why not `prisma migrate deploy`: these machines cannot download Prisma's native schema engine,
// and its WebAssembly engine through @prisma/adapter-pg 6.19 cannot read PostgreSQL's catalog
// types (OIDs 18/19). Applying committed SQL is simple enough to own, and must be rock solid:
// each migration runs in a transaction with its bookkeeping row, and concurrent starters are
// serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { providerOf, resolveDatabaseUrl, sqlitePath } from "./database-url.mjs";

const MIGRATIONS_TABLE = "_vestibule_migrations";
// An arbitrary constant: the key of the PostgreSQL advisory lock every starting instance takes.
const PG_LOCK_KEY = 7305_2026;

export function migrationsFolder(provider) {
  return provider === "sqlite"
    ? path.resolve("prisma", "migrations")
    : path.resolve("prisma", "postgresql", "migrations");
}

function readMigrations(folder) {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function pending(migrations, applied) {
  const byName = new Map(applied.map((row) => [row.name, row.checksum]));
  for (const [name, checksum] of byName) {
    const local = migrations.find((m) => m.name === name);
    if (local && local.checksum !== checksum) {
      throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
    }
  }
  return migrations.filter((m) => !byName.has(m.name));
}

async function migrateSqlite(url, migrations) {
  const { default: Database } = await import("libsql");
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // libsql takes no timeout option: its pragma does it. Several processes may migrate at once.
    db.pragma("busy_timeout = 30000");
    db.pragma("journal_mode = WAL");
    db.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const todo = db.transaction(() => {
      const list = pending(migrations, db.prepare(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`).all());
      for (const m of list) {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
      }
      return list;
    });
    return todo.immediate().map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url, migrations) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`);
    const list = pending(migrations, rows);
    for (const m of list) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at) VALUES ($1, $2, now())`, [
          m.name,
          m.checksum,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return list.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** Applies pending migrations to the database at `url`; returns the names it applied. */
export async function migrate(url = resolveDatabaseUrl()) {
  const provider = providerOf(url);
  const migrations = readMigrations(migrationsFolder(provider));
  return provider === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // No top-level await: the tests load this module from CommonJS.
  migrate().then((applied) =>
    console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "No pending migrations."),
  );
}
