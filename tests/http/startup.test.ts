// `next start` run directly, not through `npm start` (which creates data/auth-secret on SQLite and
// checks the secret itself): the server must still refuse to run without a secret, instead of
// signing password-reset links with an empty key. Each server runs in a project folder of its
// own (links to this checkout's build and packages), so that its data/ is whatever the test puts
// there and never this checkout's.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { freePort, POSTGRES_URL, ROOT } from "../support/server";

const DEADLINE_MS = 60_000;
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
// Never connected to: the server must stop before it would use the database.
const UNREACHABLE_POSTGRES = "postgresql://nobody@127.0.0.1:1/vestibule";

const folders: string[] = [];
after(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A project folder that shares this checkout's build and packages, with its own (empty) data/. */
function projectFolder(secretFile?: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-startup-"));
  folders.push(folder);
  for (const name of [DIST_DIR, "node_modules", "package.json", "next.config.mjs"])
    fs.symlinkSync(path.join(ROOT, name), path.join(folder, name));
  if (secretFile !== undefined) {
    fs.mkdirSync(path.join(folder, "data"));
    fs.writeFileSync(path.join(folder, "data", "auth-secret"), secretFile, { mode: 0o600 });
  }
  return folder;
}

type Outcome = { exitCode: number | null; served: boolean; output: string };

/** Runs `next start` in `folder` until it exits or answers GET /api/session (then stops it). */
async function nextStart(folder: string, env: Record<string, string>): Promise<Outcome> {
  const port = await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !["AUTH_SECRET", "DATABASE_URL", "PORT", "APP_URL"].includes(name)),
  );
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start"], {
    cwd: folder,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      ...env,
      PORT: String(port),
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = () => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  try {
    const deadline = Date.now() + DEADLINE_MS;
    while (Date.now() < deadline) {
      const exitCode = await Promise.race([
        exited,
        new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 200)),
      ]);
      if (exitCode !== "running") return { exitCode, served: false, output };
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/session`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) return { exitCode: null, served: true, output };
      } catch {
        // Not listening yet, or refusing.
      }
    }
    throw new Error(`next start neither exited nor served within ${DEADLINE_MS / 1000} s:\n${output}`);
  } finally {
    stop();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
}

describe("Starting the server with `next start` directly", () => {
  it("refuses to start without AUTH_SECRET or data/auth-secret, and says what to set", async () => {
    const outcome = await nextStart(projectFolder(), {
      DATABASE_URL: POSTGRES_URL ? "file:./data/unused.db" : "file:./data/vestibule.db",
    });
    assert.equal(outcome.served, false, `the server answered requests without a secret:\n${outcome.output}`);
    assert.equal(outcome.exitCode, 1, outcome.output);
    assert.match(outcome.output, /AUTH_SECRET is not set and data\/auth-secret does not exist: set AUTH_SECRET/);
  });

  it("refuses to start on PostgreSQL without AUTH_SECRET, even beside a data/auth-secret file", async () => {
    const outcome = await nextStart(projectFolder(randomBytes(32).toString("base64url")), {
      DATABASE_URL: UNREACHABLE_POSTGRES,
    });
    assert.equal(outcome.served, false, `the server answered requests without a configured secret:\n${outcome.output}`);
    assert.equal(outcome.exitCode, 1, outcome.output);
    assert.match(outcome.output, /AUTH_SECRET must be set when DATABASE_URL is PostgreSQL/);
  });

  it("serves once there is a secret, and never prints it", async () => {
    const secret = randomBytes(32).toString("base64url");
    // The build's Prisma client is for one provider; the secret comes from where that provider takes it.
    const outcome = POSTGRES_URL
      ? await nextStart(projectFolder(), { DATABASE_URL: UNREACHABLE_POSTGRES, AUTH_SECRET: secret })
      : await nextStart(projectFolder(secret), { DATABASE_URL: "file:./data/vestibule.db" });
    assert.equal(outcome.served, true, outcome.output);
    assert.ok(!outcome.output.includes(secret), `the output shows the secret:\n${outcome.output}`);
  });
});
