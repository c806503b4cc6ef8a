// Where AUTH_SECRET comes from: one rule for `npm start`, `npm run build`, a `next start` run
// directly and the app itself (lib/env.ts). The environment's AUTH_SECRET wins; on SQLite (one
// machine) a secret generated into data/auth-secret on first run will do; on PostgreSQL it must
// be configured, because instances sharing the database must share their secret.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { providerOf, resolveDatabaseUrl } from "./database-url.mjs";

export const SECRET_FILE = path.resolve("data", "auth-secret");

const HOW_TO_GENERATE = "generate one with: openssl rand -base64 32";

function readSecretFile() {
  try {
    return fs.readFileSync(SECRET_FILE, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `{ secret }`, or `{ problem }`: a sentence for the operator saying what to set. Never prints the secret. */
export function findAuthSecret(env = process.env) {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET };
  if (providerOf(resolveDatabaseUrl(env)) === "postgresql") {
    return { problem: `AUTH_SECRET must be set when DATABASE_URL is PostgreSQL (${HOW_TO_GENERATE}).` };
  }
  const secret = readSecretFile();
  if (secret) return { secret };
  return {
    problem: `AUTH_SECRET is not set and ${path.relative(process.cwd(), SECRET_FILE)} does not exist: set AUTH_SECRET (${HOW_TO_GENERATE}), or start with \`npm start\`, which creates the file.`,
  };
}

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
