// `npm start`: applies pending migrations, then serves the production build with `next start`.
// Next.js runs in this same process tree under lib/client-address.cjs, which records each
// request's TCP peer (Next.js itself lets a client's own X-Forwarded-For stand as the address).
import { spawn } from "node:child_process";
import path from "node:path";
import { resolveDatabaseUrl, providerOf } from "./database-url.mjs";
import { migrate } from "./migrate.mjs";
import { ensureSecret } from "./setup.mjs";

const url = resolveDatabaseUrl();
if (providerOf(url) === "sqlite") ensureSecret();
const applied = await migrate(url);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

const port = process.env.PORT || "3000";
const child = spawn(
  process.execPath,
  ["--require", path.resolve("lib", "client-address.cjs"), path.resolve("node_modules", "next", "dist", "bin", "next"), "start", "-p", port],
  {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
