// A real `next start` server on a fresh SQLite database, for one test file. Nothing is mocked:
// the tests speak HTTP to the production build, as browsers and scripts do.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type TestServer = {
  url: string;
  /** The process id of scripts/start.mjs (the primary of the server's worker processes). */
  pid: number;
  /** The SQLite file, or the PostgreSQL URL of this server's own database (see tests/support/db.ts). */
  databasePath: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
};

// npm scripts, node --test and Playwright all run from the project root; this module is loaded
// both as CommonJS (node --test, Playwright) and as ESM (scripts/test.mjs), so no __dirname.
export const ROOT = process.cwd();
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
// psql and the migrations run synchronously: one that hangs must fail its test, not stall the file.
const CHILD_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_CHARS = 8_000_000;

// Settings a developer's shell might carry that would change what the tests expect: a test
// server starts from the contract's defaults and only the overrides its file asks for.
const CONTRACT_SETTINGS = [
  "THROTTLE_LOGIN_USERNAME",
  "THROTTLE_LOGIN_ADDRESS",
  "THROTTLE_REGISTER",
  "THROTTLE_PASSWORD_RESET",
  "THROTTLE_PASSKEY_OPTIONS",
  "THROTTLE_MAIL",
  "TRUST_PROXY",
  "TRUSTED_ORIGINS",
  "SESSION_MAX_AGE",
  "AUTH_SECRET",
  "PORT",
  "DATABASE_URL",
];

const running = new Set<number>();
// A test process that dies without its `after` hooks must not leave servers holding ports.
process.once("exit", () => {
  for (const group of running) killGroup(group, "SIGKILL");
});

/** Signals the server's process group: start.mjs and the `next start` it spawned. */
function killGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // Already gone.
  }
}

/** Whether nothing listens on `port` right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** The first port of the kernel's ephemeral range: where outgoing connections take their local ports. */
function ephemeralFloor(): number {
  try {
    const low = Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 10_000) return low;
  } catch {
    // Not Linux: the IANA range's start.
  }
  return 49_152;
}

/**
 * A port nobody listens on right now, below the ephemeral range. A port the kernel hands out
 * (listen on 0) can be taken in the moment before the server binds it by any outgoing
 * connection of the suite's (a fetch, a database client), and the server then fails to start
 * with EADDRINUSE; ports below the range are only ever taken by listeners.
 */
export async function freePort(): Promise<number> {
  const floor = ephemeralFloor();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * (floor - 10_000));
    if (await bindable(port)) return port;
  }
  throw new Error(`No free port between 10000 and ${floor - 1}.`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/session`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not answer GET /api/session within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/**
 * `npm run test:postgres` sets TEST_POSTGRES_URL: then every server gets a new database of its
 * own on that PostgreSQL server (dropped again by stop()), instead of a new SQLite file.
 */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

function createPostgresDatabase(): { url: string; drop(): void } {
  const name = `vestibule_test_${randomBytes(6).toString("hex")}`;
  const admin = POSTGRES_URL as string;
  execFileSync("psql", [admin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", `CREATE DATABASE ${name}`], {
    stdio: ["ignore", "ignore", "inherit"],
    timeout: CHILD_TIMEOUT_MS,
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      execFileSync("psql", [admin, "-X", "-q", "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], {
        stdio: "ignore",
        timeout: CHILD_TIMEOUT_MS,
      }),
  };
}

/** One database for several servers (the multi-instance tests): a SQLite file or a PostgreSQL database. */
export function sharedDatabase(): { databaseUrl: string; drop(): void } {
  if (POSTGRES_URL) {
    const database = createPostgresDatabase();
    return { databaseUrl: database.url, drop: database.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-shared-"));
  return { databaseUrl: path.join(dir, "vestibule.db"), drop: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `node scripts/start.mjs` (migrations, then `next start`) on a free port and a new
 * SQLite file in a new temporary folder (or a new PostgreSQL database, see POSTGRES_URL).
 * `env` overrides the test defaults (bcrypt cost 4). `direct`: migrate, then run `next start`
 * itself, as someone who skips `npm start` would (no --require of lib/client-address.cjs).
 */
export async function startServer(
  env: Record<string, string> = {},
  shared?: { databaseUrl: string },
  options: { direct?: boolean; hostname?: string } = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-test-"));
  const postgres = !shared && POSTGRES_URL ? createPostgresDatabase() : undefined;
  const databasePath = shared?.databaseUrl ?? postgres?.url ?? path.join(dir, "vestibule.db");
  const cleanUp = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    postgres?.drop();
  };
  // A port free when picked can still be bound by someone else before the server binds it: then
  // the server exits with EADDRINUSE, and it starts again on another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freePort(), databasePath, env, options, cleanUp);
    } catch (error) {
      if (attempt < 3 && error instanceof PortTaken) continue;
      cleanUp();
      throw error;
    }
  }
}

class PortTaken extends Error {}

async function launch(
  port: number,
  databasePath: string,
  env: Record<string, string>,
  options: { direct?: boolean; hostname?: string },
  cleanUp: () => void,
): Promise<TestServer> {
  // `hostname`: "localhost" for WebAuthn, whose relying party id cannot be an IP address.
  const url = `http://${options.hostname ?? "127.0.0.1"}:${port}`;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !CONTRACT_SETTINGS.includes(name)),
  );
  const serverEnv: NodeJS.ProcessEnv = {
    ...inherited,
    // What `next start` sets anyway; a developer's NODE_ENV=test must not leak into the server.
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    // Its own secret, so that servers starting in parallel never race to create data/auth-secret.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BCRYPT_ROUNDS: "4",
    // The most talkative level, so that the secrets scan has the most to read.
    LOG_LEVEL: "debug",
    // Links in e-mails point back at this server.
    APP_URL: url,
    // One worker process: the suite runs two servers at a time on two cores. The multi-process
    // server (sessions, throttles and logouts across workers) is tests/http/workers.test.ts's.
    WEB_CONCURRENCY: "1",
    ...env,
    DATABASE_URL: databasePath.startsWith("postgres") ? databasePath : `file:${databasePath}`,
    PORT: String(port),
  };
  if (options.direct)
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "migrate.mjs")], {
      cwd: ROOT,
      env: serverEnv,
      stdio: "ignore",
      timeout: CHILD_TIMEOUT_MS,
    });
  const command = options.direct
    ? [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)]
    : [path.join(ROOT, "scripts", "start.mjs")];
  const child = spawn(process.execPath, command, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: serverEnv,
  });
  const group = child.pid;
  if (group === undefined) throw new Error("Could not start scripts/start.mjs.");
  running.add(group);
  // For scripts/test.mjs, which stops the servers of a test process that was killed (a time limit).
  const registry = process.env.VESTIBULE_TEST_SERVERS;
  if (registry) fs.writeFileSync(path.join(registry, String(group)), String(process.pid));

  let captured = "";
  const capture = (chunk: Buffer) => {
    if (captured.length < MAX_OUTPUT_CHARS) captured += chunk.toString("utf8");
  };
  child.stdout?.on("data", capture);
  child.stderr?.on("data", capture);
  const output = () => captured;

  /** Stops the server's processes; `stop` also removes its folder and database. */
  const halt = async () => {
    killGroup(group, "SIGTERM");
    const timer = setTimeout(() => killGroup(group, "SIGKILL"), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(timer);
    // `next start` may outlive start.mjs by a moment, or be left behind if start.mjs was killed.
    killGroup(group, "SIGKILL");
    running.delete(group);
    if (registry) fs.rmSync(path.join(registry, String(group)), { force: true });
  };

  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await halt();
    throw output().includes("EADDRINUSE") ? new PortTaken(`Port ${port} was taken:\n${output()}`) : error;
  }
  const stop = async () => {
    await halt();
    cleanUp();
  };
  return { url, pid: group, databasePath, output, stop };
}
