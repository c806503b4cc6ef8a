// `npm start`: applies pending migrations, then serves the production build with `next start`.
// Next.js runs in this same process tree under lib/client-address.cjs, which records each
// request's TCP peer (Next.js itself lets a client's own X-Forwarded-For stand as the address).
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureSecret, findAuthSecret } from "./auth-secret.mjs";
import { resolveDatabaseUrl, providerOf } from "./database-url.mjs";
import { migrate } from "./migrate.mjs";
import { generatedProvider } from "./setup.mjs";

const url = resolveDatabaseUrl();
if (providerOf(url) === "sqlite") ensureSecret();
// The server checks this too (instrumentation.ts); checked here first, before any migration runs.
const secret = findAuthSecret();
if ("problem" in secret) {
  console.error(secret.problem);
  process.exit(1);
}
// The build loads the Prisma client from node_modules, generated for one provider. Regenerating it
// here would swap it under other servers of this checkout: say what to run instead.
if (generatedProvider() !== providerOf(url)) {
  console.error(`The Prisma client was generated for ${generatedProvider() ?? "no database"}, but DATABASE_URL is ${providerOf(url)}: run \`npm run build\` with this DATABASE_URL first.`);
  process.exit(1);
}
const applied = await migrate(url);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

// V8 sizes its heap from the machine's memory (gigabytes here) and lets it grow lazily: under load
// the server's resident memory doubled with nothing live to show for it. The app's live heap is a
// few tens of MB; a 256 MB old space keeps collection timely (npm run bench: peak RSS ~210 MB, not
// ~390 MB) at no measurable cost in throughput. NODE_OPTIONS may say otherwise.
const heap = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "") ? [] : ["--max-old-space-size=256"];
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
// `next start` takes its port from PORT, 3000 when unset (lib/env.ts assumes the same for APP_URL).
if (!env.PORT) delete env.PORT;
const child = spawn(
  process.execPath,
  [...heap, "--require", path.resolve("lib", "client-address.cjs"), "--require", path.resolve("lib", "login-shield.cjs"), path.resolve("node_modules", "next", "dist", "bin", "next"), "start"],
  { stdio: "inherit", env },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
