// Prepares a checkout to build or run: the data folder, a generated AUTH_SECRET on first run,
// and (with --generate) the Prisma client for the database DATABASE_URL names.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureSecret } from "./auth-secret.mjs";
import { providerOf, resolveDatabaseUrl } from "./database-url.mjs";
import { writePostgresSchema } from "./prisma-schema.mjs";

const GENERATED_SCHEMA = path.resolve("node_modules", ".prisma", "client", "schema.prisma");

/** The provider the generated Prisma client was made for, or null when there is none. */
export function generatedProvider() {
  try {
    return /provider\s*=\s*"(sqlite|postgresql)"/.exec(fs.readFileSync(GENERATED_SCHEMA, "utf8"))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Generates the Prisma client for the provider of `url`. */
export function generateClient(url) {
  if (providerOf(url) === "postgresql") writePostgresSchema();
  execFileSync(process.execPath, [path.resolve("node_modules", "prisma", "build", "index.js"), "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = resolveDatabaseUrl();
  fs.mkdirSync(path.resolve("data"), { recursive: true });
  if (providerOf(url) === "sqlite") ensureSecret();
  if (process.argv.includes("--generate")) generateClient(url);
}
