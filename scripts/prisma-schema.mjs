// prisma/schema.prisma is the one source of truth for the models; the PostgreSQL schema is
// derived from it here, so the two providers cannot drift apart.
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.resolve("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.resolve("prisma", "postgresql", "schema.prisma");

export function postgresSchemaText(sqliteText = fs.readFileSync(SQLITE_SCHEMA, "utf8")) {
  const swapped = sqliteText.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  if (swapped === sqliteText) throw new Error('prisma/schema.prisma must declare provider = "sqlite".');
  return `// Generated from prisma/schema.prisma by scripts/prisma-schema.mjs: do not edit.\n${swapped}`;
}

export function writePostgresSchema() {
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, postgresSchemaText());
}
