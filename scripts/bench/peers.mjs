// `npm run bench -- --peers[=DIR]`: the reference peers (DIR, default ../shared/peers beside the
// checkout) measured with the same load as the app, one after another on the same machine. Each
// peer is copied to a cache folder under the system's temporary folder (the peers folder may be
// read-only) and served by its own run.sh; installs and builds are kept there between runs.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, processTreeMemoryMb } from "./processes.mjs";

const PASSWORD = "Bench-pass-Horse-9271";
// Better Auth's run.sh may install (better-sqlite3 compiles from source) and build first.
const START_TIMEOUT_MS = 15 * 60_000;

/** The peers folder named by --peers=DIR, or ../shared/peers beside the checkout; null without --peers. */
export function peersDir(argv = process.argv) {
  const flag = argv.find((arg) => arg === "--peers" || arg.startsWith("--peers="));
  if (!flag) return null;
  const dir = flag.includes("=") ? path.resolve(flag.slice("--peers=".length)) : path.resolve("..", "shared", "peers");
  if (!fs.existsSync(dir)) throw new Error(`--peers: no peers folder at ${dir} (give it as --peers=DIR).`);
  return dir;
}

/** What is missing to run the DRF peer (Debian's packages), or null. */
function drfMissing() {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import django, rest_framework, gunicorn"], { stdio: "ignore" });
    return null;
  } catch {
    return "the DRF peer needs Debian's Django, DRF and gunicorn: apt-get install -y python3-django python3-djangorestframework gunicorn";
  }
}

/** A writable copy of one peer, reusing the cached install and build when its lock file is unchanged. */
function copyPeer(source, name) {
  const target = path.join(os.tmpdir(), "vestibule-bench-peers", name);
  const lock = (dir) =>
    fs.existsSync(path.join(dir, "package-lock.json"))
      ? fs.readFileSync(path.join(dir, "package-lock.json"), "utf8")
      : "";
  if (fs.existsSync(target) && lock(source) !== lock(target)) fs.rmSync(target, { recursive: true, force: true });
  // Timestamps kept: run.sh rebuilds only when a source is newer than the cached build.
  fs.cpSync(source, target, {
    recursive: true,
    preserveTimestamps: true,
    filter: (file) => !/[/\\](node_modules|\.next|var)$/.test(file),
  });
  execFileSync("chmod", ["-R", "u+w", target]);
  return target;
}

async function waitFor(url, child, output) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited before it was ready:\n${output().slice(-3000)}`);
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(2_000) })).arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`not ready after ${START_TIMEOUT_MS / 1000} s:\n${output().slice(-3000)}`);
}

/** Runs `run.sh args` in `dir` on a free port, in its own process group; resolves once `probe` answers. */
async function serve(dir, args, env, probe) {
  const port = await freePort();
  const child = spawn(path.join(dir, "run.sh"), args, {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...env, PORT: String(port) },
  });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors = (errors + chunk).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const gone = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await waitFor(url + probe, child, () => errors);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop, memoryMb: () => processTreeMemoryMb(child.pid) };
}

function cookiesOf(response) {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    redirect: "manual",
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`POST ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { response, body: text ? JSON.parse(text) : null };
}

/** Django REST Framework on gunicorn, as its README suggests for this load (5 workers × 4 threads). */
async function drf(dir, measure) {
  const server = await serve(
    copyPeer(path.join(dir, "drf"), "drf"),
    ["--workers", "5", "--worker-class", "gthread", "--threads", "4"],
    {},
    "/api/session",
  );
  try {
    const registered = await post(`${server.url}/api/register`, { username: "bench", password: PASSWORD });
    const cookie = cookiesOf(registered.response);
    const token = await post(`${server.url}/api/tokens`, { name: "bench" }, { cookie });
    return await measure(server, {
      "GET /api/me session": { path: "/api/me", headers: { cookie } },
      "GET /api/me token": { path: "/api/me", headers: { authorization: `Token ${token.body.key}` } },
      "GET /api/session anonymous": { path: "/api/session" },
    });
  } finally {
    await server.stop();
  }
}

/** Better Auth on `next start`, one process; its anonymous route is GET /api/me answering 401. */
async function betterAuth(dir, measure) {
  const server = await serve(copyPeer(path.join(dir, "better-auth"), "better-auth"), [], {}, "/api/me");
  try {
    const origin = { origin: server.url };
    await post(
      `${server.url}/api/auth/sign-up/email`,
      { email: "bench@example.com", password: PASSWORD, name: "Bench", username: "bench" },
      origin,
    );
    const signedIn = await post(
      `${server.url}/api/auth/sign-in/username`,
      { username: "bench", password: PASSWORD },
      origin,
    );
    const cookie = cookiesOf(signedIn.response);
    return await measure(server, {
      "GET /api/me session": { path: "/api/me", headers: { cookie } },
      "GET /api/session anonymous": { path: "/api/me", anonymous401: true },
    });
  } finally {
    await server.stop();
  }
}

/**
 * Each peer's figures, by scenario name, with its peak memory; a peer that cannot run here is
 * reported with the reason instead. `measure(server, scenarios)` drives the load (bench.mjs).
 */
export async function measurePeers(dir, measure) {
  const results = {};
  const missing = drfMissing();
  results.DRF = missing
    ? { skipped: missing }
    : await drf(dir, measure).catch((error) => ({ skipped: `DRF peer failed: ${error.message}` }));
  results["Better Auth"] = await betterAuth(dir, measure).catch((error) => ({
    skipped: `Better Auth peer failed: ${error.message}`,
  }));
  for (const [name, result] of Object.entries(results)) if (result.skipped) console.error(`${name}: ${result.skipped}`);
  return results;
}
