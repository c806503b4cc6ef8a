// `npm run bench`: builds the benchmark build, starts the production server on a fresh SQLite
// database (and on PostgreSQL when POSTGRES_URL is set), drives it on 127.0.0.1 with autocannon,
// and prints one table. Bounded: each scenario runs BENCH_SECONDS (default 8) seconds.
// `--peers[=DIR]` also measures the reference peers (scripts/bench/peers.mjs) with the same load and
// prints the issue's targets as ratios (scripts/bench/ratios.mjs).
// `npm run bench -- <text>` runs only the scenarios whose name contains <text> (e.g. "flood"),
// prints them and leaves docs/benchmarks.md alone.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import bcrypt from "bcryptjs";
import { generateClient } from "./setup.mjs";
import { loadInOwnProcess } from "./bench/attacker.mjs";
import { hashCeiling } from "./bench/ceiling.mjs";
import { measurePeers, peersDir } from "./bench/peers.mjs";
import { freePort, watchPeakMemory } from "./bench/processes.mjs";
import { figuresTable, ratioTable } from "./bench/ratios.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const DEFAULT_COST = 12;
const RUN_COST = Number(process.env.BENCH_BCRYPT_ROUNDS || 10);
const DIST = ".next-bench";
const PASSWORD = "bench-horse-battery-42";
// Side by side with the peers: the load their README names (16 connections, 8 s after an 8 s warm-up).
const PEER_LOAD = { connections: 16, warmup: Number(process.env.BENCH_WARMUP_SECONDS || 8) };
const PEERS = peersDir();
const FILTER =
  process.argv
    .slice(2)
    .find((arg) => !arg.startsWith("--"))
    ?.toLowerCase() ?? "";
const wanted = (name) => name.toLowerCase().includes(FILTER);
const FLOOD = "reads during a login flood";

function build() {
  console.error("Building the benchmark build…");
  // `next build` adds the benchmark folder's types to tsconfig.json: the file goes back to what
  // it was before the build, the developer's own edits included (never `git checkout`).
  const tsconfig = fs.readFileSync("tsconfig.json");
  try {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: DIST, VESTIBULE_BENCH: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
  } finally {
    if (!fs.readFileSync("tsconfig.json").equals(tsconfig)) fs.writeFileSync("tsconfig.json", tsconfig);
  }
}

async function startServer(databaseUrl, overrides = {}) {
  const port = await freePort();
  const env = {
    ...process.env,
    NEXT_DIST_DIR: DIST,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    BCRYPT_ROUNDS: String(DEFAULT_COST),
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
    // The benchmark measures authentication, not the throttle: one client address logs in a lot.
    THROTTLE_LOGIN_ADDRESS: "100000000/15m",
    THROTTLE_LOGIN_USERNAME: "100000000/15m",
    THROTTLE_REGISTER: "100000/h",
    ...overrides,
  };
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/session`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) throw new Error(`server exited: ${errors}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: () => new Promise((resolve) => (child.once("exit", resolve), child.kill("SIGTERM"))),
  };
}

/** The side-by-side scenarios on one server (the app or a peer): warm-up, then the measured run. */
async function measureSideBySide(server, scenarios) {
  const stopWatching = watchPeakMemory(server.pid);
  const rows = {};
  // Every server warms up on every scenario before the first is measured: the first scenario
  // would otherwise meet a server that has never run the others' code, and measure its warm-up
  // (docs/benchmarks.md, "Measurements behind the code").
  for (const { path, headers } of Object.values(scenarios))
    await load(server.url, path, { headers, connections: PEER_LOAD.connections, duration: PEER_LOAD.warmup });
  for (const [name, { path, headers, anonymous401 }] of Object.entries(scenarios)) {
    await load(server.url, path, { headers, connections: PEER_LOAD.connections, duration: PEER_LOAD.warmup });
    const result = await load(server.url, path, { headers, connections: PEER_LOAD.connections });
    // Better Auth's anonymous route answers 401 by design: only other answers count as errors.
    const errors =
      result.errors +
      result.timeouts +
      (anonymous401 ? result.non2xx - (result.statusCodeStats?.["401"]?.count ?? 0) : result.non2xx);
    rows[name] = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors };
  }
  return { rows, memoryMb: stopWatching() };
}

async function json(url, init) {
  const response = await fetch(url, init);
  return { response, body: await response.json() };
}

/** Two users (default and run cost), a session cookie, a token, basic credentials. */
async function prepare(url, databaseUrl) {
  const headers = { "content-type": "application/json" };
  const register = await fetch(`${url}/api/register`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username: "bench", password: PASSWORD }),
  });
  if (register.status !== 201) throw new Error(`register failed: ${register.status}`);
  const cookie = register.headers
    .getSetCookie()
    .find((c) => c.startsWith("vestibule.session="))
    .split(";")[0];
  const { body: token } = await json(`${url}/api/tokens`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: "bench" }),
  });
  const second = await fetch(`${url}/api/register`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username: "bench-run-cost", password: PASSWORD }),
  });
  if (second.status !== 201) throw new Error(`register failed: ${second.status}`);
  await setHashCost(databaseUrl, "bench-run-cost", RUN_COST);
  return { cookie, token: token.key, basic: `Basic ${Buffer.from(`bench:${PASSWORD}`).toString("base64")}` };
}

/** Re-hashes one user's password at another cost, in Django's bcrypt_sha256 format. */
async function setHashCost(databaseUrl, username, cost) {
  const prehash = createHash("sha256").update(PASSWORD).digest("hex");
  const hash = `bcrypt_sha256$${bcrypt.hashSync(prehash, cost)}`;
  if (databaseUrl.startsWith("file:")) {
    const { default: Database } = await import("libsql");
    const db = new Database(databaseUrl.slice(5));
    db.pragma("busy_timeout = 10000");
    db.prepare('UPDATE "User" SET "password" = ? WHERE "usernameKey" = ?').run(hash, username);
    db.close();
  } else {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('UPDATE "User" SET "password" = $1 WHERE "usernameKey" = $2', [hash, username]);
    await client.end();
  }
}

function load(url, path, options = {}) {
  return autocannon({
    url: url + path,
    connections: options.connections ?? 10,
    duration: options.duration ?? SECONDS,
    method: options.method ?? "GET",
    headers: options.headers ?? {},
    body: options.body,
    amount: options.amount,
  });
}

// A login at cost 12 takes ~1.7 s under 8 connections: a run timed from its first request spends
// that long with nothing finished, and its average (seen: 3.5 logins/s where the steady rate was
// 4.3) measures the ramp. Logins are counted once the ramp is over.
const RAMP_SECONDS = 4;

/** load(), for slow requests: the rate is of the responses after a ramp, not from the first request. */
async function steadyLoad(url, path, options) {
  const started = performance.now();
  let counted = 0;
  const instance = load(url, path, { ...options, duration: RAMP_SECONDS + SECONDS });
  instance.on("response", () => {
    if (performance.now() - started >= RAMP_SECONDS * 1000) counted += 1;
  });
  const result = await instance;
  return { ...result, requests: { ...result.requests, average: counted / SECONDS } };
}

function row(name, result) {
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

function compareMs(cost) {
  const hash = bcrypt.hashSync("x".repeat(64), cost);
  const runs = cost >= 12 ? 5 : 15;
  const started = performance.now();
  for (let i = 0; i < runs; i++) bcrypt.compareSync("x".repeat(64), hash);
  return (performance.now() - started) / runs;
}

const jsonHeaders = { "content-type": "application/json" };
const loginBody = (username, password = PASSWORD) => JSON.stringify({ username, password });

async function runOn(label, databaseUrl, sideBySide = false) {
  const server = await startServer(databaseUrl);
  const stopWatching = watchPeakMemory(server.pid);
  const rows = [];
  let auth, compared, memoryMb;
  try {
    auth = await prepare(server.url, databaseUrl);
    compared =
      sideBySide && !FILTER
        ? await measureSideBySide(server, {
            "GET /api/me session": { path: "/api/me", headers: { cookie: auth.cookie } },
            "GET /api/me token": { path: "/api/me", headers: { authorization: `Token ${auth.token}` } },
            "GET /api/session anonymous": { path: "/api/session" },
          })
        : null;
    const measure = async (name, run) => {
      if (wanted(name)) rows.push(row(name, await run()));
    };
    // Warm up the route handlers and the database connection before measuring.
    await load(server.url, "/api/me", { headers: { cookie: auth.cookie }, duration: 2 });
    await measure("bare route (baseline)", () => load(server.url, "/api/bench/baseline"));
    await measure("GET /api/session anonymous", () => load(server.url, "/api/session"));
    await measure("GET /api/me session", () => load(server.url, "/api/me", { headers: { cookie: auth.cookie } }));
    await measure("GET /api/me token", () =>
      load(server.url, "/api/me", { headers: { authorization: `Token ${auth.token}` } }),
    );
    await measure(`GET /api/me basic (cost ${DEFAULT_COST})`, () =>
      load(server.url, "/api/me", { headers: { authorization: auth.basic }, connections: 4 }),
    );
    await measure(`POST /api/login (cost ${DEFAULT_COST})`, () =>
      steadyLoad(server.url, "/api/login", {
        method: "POST",
        headers: jsonHeaders,
        body: loginBody("bench"),
        connections: 8,
      }),
    );
    await measure(`POST /api/login (cost ${RUN_COST})`, () =>
      steadyLoad(server.url, "/api/login", {
        method: "POST",
        headers: jsonHeaders,
        body: loginBody("bench-run-cost"),
        connections: 8,
      }),
    );
    await measure("GET /api/me session, logins saturating", async () => {
      const [during] = await Promise.all([
        load(server.url, "/api/me", { headers: { cookie: auth.cookie }, connections: 4 }),
        load(server.url, "/api/login", {
          method: "POST",
          headers: jsonHeaders,
          body: loginBody("bench"),
          connections: 8,
        }),
      ]);
      return during;
    });
    memoryMb = stopWatching();
  } finally {
    await server.stop();
  }
  if (wanted(FLOOD)) rows.push(...(await loginFlood(databaseUrl, auth.cookie)));
  return { label, rows, memoryMb, compared };
}

/**
 * "Reads during a login flood": one address posts wrong passwords on 150 connections (the login
 * throttle at its defaults refuses nearly all of them) while 10 connections read GET /api/me with
 * a session. Its own server, on the same database, with the throttle as shipped.
 */
async function loginFlood(databaseUrl, cookie) {
  const server = await startServer(databaseUrl, { THROTTLE_LOGIN_ADDRESS: "20/15m", THROTTLE_LOGIN_USERNAME: "5/15m" });
  try {
    const read = () => load(server.url, "/api/me", { headers: { cookie }, connections: 10 });
    // As long a warm-up as the side-by-side runs: a cold server's "unloaded" rate would be a low bar.
    // The login route warms up too, as every route of the other scenarios does (right passwords: a
    // success gives the address its point back and starts the username's count again).
    const warmup = await load(server.url, "/api/login", {
      method: "POST",
      headers: jsonHeaders,
      body: loginBody("bench"),
      connections: 4,
      amount: 8,
    });
    // A failed warm-up login would count against the throttle the flood then meets.
    if (warmup.non2xx + warmup.errors + warmup.timeouts) throw new Error("the flood server's warm-up logins failed");
    await load(server.url, "/api/me", { headers: { cookie }, duration: PEER_LOAD.warmup });
    const unloaded = await read();
    const flood = loadInOwnProcess({
      url: `${server.url}/api/login`,
      method: "POST",
      headers: jsonHeaders,
      body: loginBody("bench", "not-the-password"),
      connections: 150,
      duration: SECONDS,
    });
    await flood.started;
    const [reads, logins] = await Promise.all([read(), flood.done]);
    const met = reads.latency.p99 < 100 && reads.requests.average >= unloaded.requests.average / 2;
    console.error(
      `${FLOOD}: reads ${reads.requests.average.toFixed(0)} req/s (unloaded ${unloaded.requests.average.toFixed(0)}), p99 ${reads.latency.p99} ms (unloaded ${unloaded.latency.p99} ms); ` +
        `logins ${logins.requests.average.toFixed(0)} req/s, p99 ${logins.latency.p99} ms, ${logins.non2xx} refused, ${logins.errors + logins.timeouts} errors/timeouts; ` +
        `target (p99 < 100 ms, ≥ 50% of unloaded) ${met ? "met" : "NOT met"}`,
    );
    return [
      row("GET /api/me session, unloaded (flood server)", unloaded),
      row(`GET /api/me session, ${FLOOD} (10 + 150 connections)`, reads),
      row("POST /api/login flood itself (wrong password, one address)", logins),
    ];
  } finally {
    await server.stop();
  }
}

function format(results, ceilings) {
  const lines = [];
  for (const { label, rows, memoryMb } of results) {
    const baseline = rows.find((r) => r.name.startsWith("bare route"))?.rps;
    lines.push(
      `### ${label}`,
      "",
      "| scenario | requests/s | % of baseline | p50 ms | p99 ms | non-2xx |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const r of rows)
      lines.push(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${baseline ? `${((100 * r.rps) / baseline).toFixed(0)}%` : "—"} | ${r.p50} | ${r.p99} | ${r.non2xx} |`,
      );
    if (memoryMb !== undefined)
      lines.push("", `Peak memory of all server processes together (PSS): ${memoryMb.toFixed(0)} MB`, "");
    for (const [cost, { ms, ceiling }] of Object.entries(ceilings)) {
      const login = rows.find((r) => r.name === `POST /api/login (cost ${cost})`);
      if (!login) continue;
      lines.push(
        `- bcrypt compare at cost ${cost}: ${ms.toFixed(1)} ms on one thread; ${os.availableParallelism()} threads hashing together: ${ceiling.toFixed(1)} compares/s = the hash-bound ceiling; measured ${login.rps.toFixed(1)} logins/s = ${((100 * login.rps) / ceiling).toFixed(0)}% of the ceiling`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

function sideBySideReport(sqlite, peers, ceilings) {
  const servers = { Vestibule: sqlite.compared, ...peers };
  const login = sqlite.rows.find((r) => r.name === `POST /api/login (cost ${DEFAULT_COST})`);
  const during = sqlite.rows.find((r) => r.name.startsWith("GET /api/me session, logins saturating"));
  const { ceiling } = ceilings[DEFAULT_COST];
  const own = {
    cost: DEFAULT_COST,
    loginRps: login.rps,
    ceiling,
    loginShare: login.rps / ceiling,
    readP99: during.p99,
    memoryMb: sqlite.memoryMb,
  };
  return [
    "### Side by side with the reference peers (SQLite)",
    "",
    `Same load for each server, one after another: ${PEER_LOAD.connections} connections, ${SECONDS} s after a ${PEER_LOAD.warmup} s warm-up. DRF: gunicorn, 5 workers × 4 threads. Better Auth: one \`next start\`; its anonymous route is \`GET /api/me\` (401).`,
    "",
    ratioTable(servers, own),
    "",
    figuresTable(servers),
    "",
  ];
}

async function main() {
  build();
  const cores = os.availableParallelism();
  const ceilings = {};
  for (const cost of [DEFAULT_COST, RUN_COST]) {
    const ms = compareMs(cost);
    ceilings[cost] = { ms, ceiling: await hashCeiling(cost, cores) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-bench-"));
  const results = [await runOn("SQLite", `file:${path.join(dir, "bench.db")}`, Boolean(PEERS))];
  const peers = PEERS && !FILTER ? await measurePeers(PEERS, measureSideBySide) : null;
  if (process.env.POSTGRES_URL) {
    const { default: pg } = await import("pg");
    const database = `vestibule_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const url = new URL(process.env.POSTGRES_URL);
      url.pathname = `/${database}`;
      // The build loads the Prisma client from node_modules: PostgreSQL's for this run.
      generateClient(url.toString());
      results.push(await runOn("PostgreSQL", url.toString()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
      // Leave the checkout's Prisma client as the default (SQLite) expects it.
      generateClient(`file:${path.join(dir, "bench.db")}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const workers = process.env.WEB_CONCURRENCY || String(cores);
  const report = [
    `## ${new Date().toISOString().slice(0, 10)} — ${machine}`,
    "",
    `${workers} worker processes. ${SECONDS} s per scenario, 10 connections unless noted (basic: 4; logins: 8; during-login reads: 4 beside 8 logging in; ${FLOOD}: 10 reading beside 150 posting wrong passwords from one address, throttle at its defaults).`,
    "",
    ...(peers ? sideBySideReport(results[0], peers, ceilings) : []),
    format(results, ceilings),
  ].join("\n");
  console.log(report);
  if (FILTER) return;
  const file = path.resolve("docs", "benchmarks.md");
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8").replace(/^# Benchmarks\n+/, "") : "";
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `# Benchmarks\n\nWritten by \`npm run bench\`; newest first.\n\n${report}\n${previous.replace(/^Written by[^\n]*\n+/, "")}`,
  );
}

await main();
