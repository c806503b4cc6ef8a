// `npm start`: applies pending migrations, then serves the production build with `next start`,
// one worker process per core (scripts/cluster.mjs). Next.js runs in the workers under
// lib/client-address.cjs, which records each request's TCP peer (Next.js itself lets a client's
// own X-Forwarded-For stand as the address), and lib/login-shield.cjs.
import { ensureSecret, findAuthSecret } from "./auth-secret.mjs";
import { serve } from "./cluster.mjs";
import { resolveDatabaseUrl, providerOf } from "./database-url.mjs";
import { migrateInChild } from "./migrate-child.mjs";
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
  console.error(
    `The Prisma client was generated for ${generatedProvider() ?? "no database"}, but DATABASE_URL is ${providerOf(url)}: run \`npm run build\` with this DATABASE_URL first.`,
  );
  process.exit(1);
}
migrateInChild(url);

// V8 sizes its heap from the machine's memory (gigabytes here) and lets it grow lazily: under load
// the server's resident memory doubled with nothing live to show for it. The app's live heap is a
// few tens of MB; a 256 MB old space keeps collection timely at no measurable cost in throughput.
// Under load V8 also grows each worker's young generation to 3 × 16 MB; 4 MB semi-spaces keep it
// small. The peaks with and without: docs/benchmarks.md, "Measurements behind the code".
// NODE_OPTIONS may say otherwise.
const options = process.env.NODE_OPTIONS ?? "";
const heap = [
  ...(/--max-old-space-size/.test(options) ? [] : ["--max-old-space-size=256"]),
  ...(/--max-semi-space-size/.test(options) ? [] : ["--max-semi-space-size=4"]),
];
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
// `next start` takes its port from PORT, 3000 when unset (lib/env.ts assumes the same for APP_URL).
serve({ port: env.PORT || "3000", execArgv: heap, env });
