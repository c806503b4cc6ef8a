// Prepares a checkout to build or run: the data folder, a generated AUTH_SECRET on first run,
// and (with --generate) the Prisma client for the database DATABASE_URL names.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { providerOf, resolveDatabaseUrl } from "./database-url.mjs";
import { writePostgresSchema } from "./prisma-schema.mjs";

export const SECRET_FILE = path.resolve("data", "auth-secret");

/** Creates data/auth-secret once (mode 0600) unless AUTH_SECRET is set; never prints it. */
export function ensureSecret(env = process.env) {
  if (env.AUTH_SECRET) return;
  if (fs.existsSync(SECRET_FILE)) return;
  fs.mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
  try {
    fs.writeFileSync(SECRET_FILE, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    console.log(`Generated a new AUTH_SECRET in ${path.relative(process.cwd(), SECRET_FILE)}.`);
  } catch (error) {
    // Another instance starting at the same moment wrote it first: use theirs.
    if (error.code !== "EEXIST") throw error;
  }
}

const GENERATED_SCHEMA = path.resolve("node_modules", ".prisma", "client", "schema.prisma");

/** The provider the generated Prisma client was made for, or null when there is none. */
export function generatedProvider() {
  try {
    return /provider\s*=\s*"(sqlite|postgresql)"/.exec(fs.readFileSync(GENERATED_SCHEMA, "utf8"))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The build loads the Prisma client from node_modules at run time, so moving between SQLite and
 * PostgreSQL needs only the client regenerated, not another `next build`.
 */
export function ensureClientFor(url) {
  if (generatedProvider() !== providerOf(url)) generateClient(url);
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
