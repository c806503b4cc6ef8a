// One source of truth for the models (prisma/schema.prisma), two providers: these tests fail when
// the PostgreSQL schema or either provider's committed migrations drift from it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "libsql";
import { Prisma } from "@prisma/client";
import { migrate } from "@/scripts/migrate.mjs";
import { POSTGRES_SCHEMA, postgresSchemaText } from "@/scripts/prisma-schema.mjs";

type Columns = Map<string, Set<string>>;

/** Table → column names that the Prisma models declare (scalar fields only). */
function modelColumns(): Columns {
  return new Map(
    Prisma.dmmf.datamodel.models.map((model) => [
      model.name,
      new Set(model.fields.filter((field) => field.kind !== "object").map((field) => field.name)),
    ]),
  );
}

const BOOKKEEPING = "_vestibule_migrations";

async function sqliteColumns(): Promise<Columns> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-drift-"));
  const file = path.join(dir, "drift.db");
  try {
    await migrate(`file:${file}`);
    const db = new Database(file);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?")
      .all(BOOKKEEPING) as Array<{ name: string }>;
    const columns: Columns = new Map(
      tables.map(({ name }) => [
        name,
        new Set((db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{ name: string }>).map((c) => c.name)),
      ]),
    );
    db.close();
    return columns;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

// Set: this run is meant to check PostgreSQL (CI, npm run test:postgres). Then an unreachable
// server fails the test instead of skipping it, so a run that never reached PostgreSQL cannot pass.
const POSTGRES_REQUIRED = Boolean(process.env.TEST_POSTGRES_URL || process.env.POSTGRES_URL);

/** The URL without its password, for messages. */
function shown(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function postgresReachable(): boolean {
  try {
    execFileSync("psql", [POSTGRES_URL, "-X", "-q", "-c", "SELECT 1"], { stdio: "ignore", timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

const dropLater: string[] = [];
after(() => {
  for (const name of dropLater)
    execFileSync("psql", [POSTGRES_URL, "-X", "-q", "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], {
      stdio: "ignore",
    });
});

async function postgresColumns(): Promise<Columns> {
  const name = `vestibule_drift_${randomBytes(5).toString("hex")}`;
  execFileSync("psql", [POSTGRES_URL, "-X", "-q", "-c", `CREATE DATABASE ${name}`], { stdio: "ignore" });
  dropLater.push(name);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const json = execFileSync(
    "psql",
    [
      url.toString(),
      "-X",
      "-A",
      "-t",
      "-c",
      `SELECT json_agg(json_build_array(table_name, column_name)) FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '${BOOKKEEPING}'`,
    ],
    { encoding: "utf8" },
  );
  const columns: Columns = new Map();
  for (const [table, column] of JSON.parse(json) as Array<[string, string]>) {
    if (!columns.has(table)) columns.set(table, new Set());
    columns.get(table)?.add(column);
  }
  return columns;
}

function plain(columns: Columns): Record<string, string[]> {
  return Object.fromEntries(
    [...columns].sort(([a], [b]) => a.localeCompare(b)).map(([table, names]) => [table, [...names].sort()]),
  );
}

describe("the models and the migrations of both providers", () => {
  it("the committed PostgreSQL schema is the one derived from prisma/schema.prisma", () => {
    assert.equal(fs.readFileSync(POSTGRES_SCHEMA, "utf8"), postgresSchemaText());
  });

  it("the SQLite migrations create exactly the tables and columns of the models", async () => {
    assert.deepEqual(plain(await sqliteColumns()), plain(modelColumns()));
  });

  it(
    "the PostgreSQL migrations create exactly the tables and columns of the models",
    {
      skip:
        POSTGRES_REQUIRED || postgresReachable() ? false : "no PostgreSQL reachable (set POSTGRES_URL to require it)",
    },
    async () => {
      assert.ok(postgresReachable(), `PostgreSQL is not reachable at ${shown(POSTGRES_URL)}, and POSTGRES_URL is set`);
      assert.deepEqual(plain(await postgresColumns()), plain(modelColumns()));
    },
  );
});
