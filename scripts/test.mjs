// `npm test`: the whole suite, in order, stopping at the first stage that fails:
//   format → lint → typecheck → unit (lib/**/*.test.ts) → cli (tests/cli, the manage CLI on real databases)
//   → build → http (tests/http, real servers) → e2e (Playwright)
// It always ends with a summary of the stages and one line "N passed, N failed" (tests of the
// unit, http and e2e stages), and exits non-zero on any failure.
//
// `npm test -- http e2e` runs only the named stages (the build already on disk is used).
// TEST_FILES=mfa,passkeys npm test -- http e2e: only the HTTP and browser test files whose paths
// contain one of those words (for working on one part; the whole suite is what counts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const STAGES = ["format", "lint", "typecheck", "unit", "cli", "build", "http", "e2e"];
// Generous: a hung request must fail the run, not stall it. Nothing here asserts on time: the
// property-based hostile-input file alone takes ~100 s on PostgreSQL with two worker processes.
const NODE_TEST_TIMEOUT_MS = 300_000;
// Two cores: two HTTP test files (two servers) at a time.
const HTTP_CONCURRENCY = 2;
// Quiet logs: on a failure, the tail of the output shows warnings and errors only.
const E2E_SERVER_ENV = {
  BCRYPT_ROUNDS: "4",
  THROTTLE_REGISTER: "1000/h",
  THROTTLE_LOGIN_ADDRESS: "1000/15m",
  LOG_LEVEL: "warn",
};

process.chdir(ROOT);
const ONLY = (process.env.TEST_FILES ?? "")
  .split(",")
  .map((word) => word.trim())
  .filter(Boolean);

// `--postgres` (npm run test:postgres): the HTTP and browser suites again, every server on a new
// database of its own on the PostgreSQL server at POSTGRES_URL (tests/support/server.ts).
const POSTGRES = process.argv.includes("--postgres");
if (POSTGRES) process.env.TEST_POSTGRES_URL = process.env.POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/test";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-npm-test-"));
// Every test server leaves "<process group>" → "<owning test process>" here (tests/support/server.ts).
const servers = path.join(scratch, "servers");
fs.mkdirSync(servers);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", VESTIBULE_TEST_SERVERS: servers };
process.env.VESTIBULE_TEST_SERVERS = servers;

/**
 * A test file killed by its time limit never runs its `after` hooks: its servers would live on,
 * writing to a closed pipe at full speed and slowing every file after it into its own time limit.
 * Their process groups are stopped as soon as the test process that started them is gone.
 */
function reapOrphanServers() {
  for (const group of fs.readdirSync(servers)) {
    const owner = Number(fs.readFileSync(path.join(servers, group), "utf8"));
    if (alive(owner)) continue;
    try {
      process.kill(-Number(group), "SIGKILL");
    } catch {
      // Already gone.
    }
    fs.rmSync(path.join(servers, group), { force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
setInterval(reapOrphanServers, 2_000).unref();

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: options.env ?? env, cwd: ROOT });
    child.on("error", (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** Files under `dir` (recursively) whose names end with one of `suffixes`, sorted. */
function findFiles(dir, suffixes) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && suffixes.some((suffix) => entry.name.endsWith(suffix)))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => !file.split(path.sep).includes("node_modules"))
    .filter((file) => !ONLY.length || !/^(tests\/http|e2e)\//.test(file) || ONLY.some((word) => file.includes(word)))
    .sort();
}

/** `# pass N` / `# fail N` / `# cancelled N` from node's TAP report (the last, top-level ones). */
function countTap(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const last = (name) => {
    const matches = [...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, "gm"))];
    return matches.length ? Number(matches.at(-1)[1]) : null;
  };
  const passed = last("pass");
  if (passed === null) return null;
  return { passed, failed: (last("fail") ?? 0) + (last("cancelled") ?? 0) };
}

/** node --test on `files`: spec output for people, TAP to a file for the counts. */
async function nodeTests(name, files, extraArgs) {
  const tap = path.join(scratch, `${name}.tap`);
  const code = await run(process.execPath, [
    ...extraArgs,
    "--test",
    `--test-timeout=${NODE_TEST_TIMEOUT_MS}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  return { code, counts: countTap(tap) };
}

async function unit() {
  const files = findFiles(path.join(ROOT, "lib"), [".test.ts"]);
  if (!files.length) return { code: 0, note: "no lib/**/*.test.ts", counts: { passed: 0, failed: 0 } };
  return nodeTests("unit", files, ["--conditions=react-server", "--import", "tsx"]);
}

/** The manage CLI against fresh SQLite files (under --postgres the client is PostgreSQL's: not run). */
async function cli() {
  const files = findFiles(path.join(ROOT, "tests", "cli"), [".test.ts"]);
  if (!files.length) return { code: 0, note: "no tests/cli/*.test.ts", counts: { passed: 0, failed: 0 } };
  return nodeTests("cli", files, ["--import", "tsx"]);
}

async function http() {
  const files = findFiles(path.join(ROOT, "tests", "http"), [".test.ts"]);
  if (!files.length) return { code: 1, note: "no tests/http/*.test.ts" };
  return nodeTests("http", files, ["--import", "tsx", `--test-concurrency=${HTTP_CONCURRENCY}`]);
}

/** Playwright's JSON report: expected and flaky tests passed, unexpected ones failed. */
function countPlaywright(file) {
  try {
    const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
    return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 };
  } catch {
    return null;
  }
}

async function e2e() {
  const specs = findFiles(path.join(ROOT, "e2e"), [".spec.ts", ".test.ts", ".spec.js", ".test.js"]);
  if (!specs.length) return { code: 0, skipped: true, note: "skipped: e2e/ has no spec yet" };
  // The same server the HTTP tests use (tests/support/server.ts), through tsx's loader.
  const { tsImport } = await import("tsx/esm/api");
  const { startServer } = await tsImport("../tests/support/server.ts", import.meta.url);
  let server;
  try {
    server = await startServer(E2E_SERVER_ENV);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return { code: 1, note: "the e2e server did not start" };
  }
  const report = path.join(scratch, "playwright.json");
  try {
    const code = await run(
      process.execPath,
      [path.join(ROOT, "node_modules", "@playwright", "test", "cli.js"), "test", "--reporter=list,json", ...specs],
      {
        env: { ...env, BASE_URL: server.url, PLAYWRIGHT_JSON_OUTPUT_FILE: report, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
      },
    );
    if (code !== 0)
      console.error(`\nLast lines of the e2e server's output:\n${server.output().split("\n").slice(-40).join("\n")}`);
    return { code, counts: countPlaywright(report) };
  } finally {
    await server.stop();
  }
}

/** The OpenAPI document, as GET /api/openapi.json serves it, through Redocly's rules (redocly.yaml). */
async function lintOpenApi() {
  const document = path.join(scratch, "openapi.json");
  const written = await run(process.execPath, [
    "--conditions=react-server",
    "--import",
    "tsx",
    path.join(ROOT, "scripts", "openapi-document.ts"),
    document,
  ]);
  return written || run(bin("redocly"), ["lint", document, "--config", path.join(ROOT, "redocly.yaml")]);
}

const stageRunners = {
  // Prettier's settings are .prettierrc.json; `npm run format` rewrites what this refuses.
  format: async () => ({ code: await run(bin("prettier"), ["--check", "."]) }),
  lint: async () => ({
    code:
      (await run(bin("eslint"), [".", "--ignore-pattern", ".next-*/**"])) ||
      // Imports point down: no cycles, lib/ never imports scripts/ or components/ (scripts/check-imports.mjs).
      (await run(process.execPath, [path.join(ROOT, "scripts", "check-imports.mjs")])) ||
      (await lintOpenApi()),
  }),
  typecheck: async () => ({ code: await run(bin("tsc"), ["--noEmit"]) }),
  unit,
  cli,
  // Under --postgres the client is already generated for PostgreSQL: build without regenerating.
  build: async () => ({
    code: POSTGRES
      ? await run(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
          env: { ...env, DATABASE_URL: process.env.TEST_POSTGRES_URL },
        })
      : await run("npm", ["run", "build"]),
  }),
  http,
  e2e,
};

function chosenStages(args) {
  const named = args.filter((arg) => !arg.startsWith("-"));
  if (POSTGRES && !named.length) return ["build", "http", "e2e"];
  const unknown = named.filter((name) => !STAGES.includes(name));
  if (unknown.length) {
    console.error(`Unknown stage(s): ${unknown.join(", ")}. Stages: ${STAGES.join(", ")}.`);
    process.exit(2);
  }
  return named.length ? STAGES.filter((stage) => named.includes(stage)) : STAGES;
}

/** The Prisma client for PostgreSQL (or back to SQLite afterwards), once, before any server starts. */
async function generateClientFor(url) {
  const { generateClient } = await import("./setup.mjs");
  generateClient(url);
}

if (POSTGRES) {
  try {
    const { execFileSync } = await import("node:child_process");
    execFileSync("psql", [process.env.TEST_POSTGRES_URL, "-X", "-q", "-c", "SELECT 1"], { stdio: "ignore" });
  } catch {
    console.error(`PostgreSQL is not reachable at ${process.env.TEST_POSTGRES_URL} (set POSTGRES_URL).`);
    process.exit(1);
  }
  await generateClientFor(process.env.TEST_POSTGRES_URL);
  // The checkout's default is SQLite: leave it so, whatever happens below.
  process.on("exit", () =>
    spawnSync(
      process.execPath,
      ["-e", 'import("./scripts/setup.mjs").then((m) => m.generateClient("file:./data/vestibule.db"))'],
      { cwd: ROOT, stdio: "ignore" },
    ),
  );
}

const results = [];
let stopped = false;
for (const stage of chosenStages(process.argv.slice(2))) {
  if (stopped) {
    results.push({ stage, status: "not run" });
    continue;
  }
  console.log(`\n━━━ ${stage} ━━━`);
  const started = Date.now();
  let outcome;
  try {
    outcome = await stageRunners[stage]();
  } catch (error) {
    console.error(error);
    outcome = { code: 1, note: "the stage threw" };
  }
  // A test stage that failed without a readable count (a crash) still counts as one failure.
  if (outcome.code !== 0 && !["lint", "typecheck", "build"].includes(stage) && !outcome.counts?.failed) {
    outcome.counts = { passed: outcome.counts?.passed ?? 0, failed: 1 };
  }
  const status = outcome.code !== 0 ? "failed" : outcome.skipped ? "skipped" : "passed";
  results.push({ stage, status, seconds: (Date.now() - started) / 1000, ...outcome });
  if (status === "failed") stopped = true;
}

reapOrphanServers();
fs.rmSync(scratch, { recursive: true, force: true });

let passed = 0;
let failed = 0;
console.log("\n━━━ summary ━━━");
for (const result of results) {
  if (result.counts) {
    passed += result.counts.passed;
    failed += result.counts.failed;
  }
  const time = result.seconds === undefined ? "" : `${result.seconds.toFixed(1)} s`;
  const counts = result.counts ? `${result.counts.passed} passed, ${result.counts.failed} failed` : "";
  console.log(
    `${result.stage.padEnd(10)} ${result.status.padEnd(8)} ${time.padStart(8)}  ${[counts, result.note].filter(Boolean).join("; ")}`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.some((result) => result.status === "failed") ? 1 : 0);
