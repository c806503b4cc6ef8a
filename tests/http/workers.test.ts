// `npm start` serves one port from WEB_CONCURRENCY worker processes (scripts/cluster.mjs). They
// share nothing but the database, so everything a person does must hold whichever worker answers;
// and SQLite, shared by several processes, must queue concurrent writers rather than fail.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { strongPassword, uniqueName } from "../support/accounts";
import { startServer, type TestServer } from "../support/server";

const WORKERS = 2;
let server: TestServer;

before(async () => {
  server = await startServer({
    WEB_CONCURRENCY: String(WORKERS),
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_LOGIN_USERNAME: "3/15m",
  });
});

after(async () => {
  await server?.stop();
});

type Reply = { status: number; body: string; setCookie: string[] };

/**
 * One request on a connection of its own: the primary hands connections to the workers in turn,
 * so consecutive calls reach different workers (fetch would reuse one kept-alive connection).
 */
function fresh(path: string, options: { method?: string; cookie?: string; body?: unknown } = {}): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { connection: "close", origin: server.url };
  if (payload) headers["content-type"] = "application/json";
  if (options.cookie) headers.cookie = options.cookie;
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${server.url}${path}`,
      { method: options.method ?? "GET", headers, agent: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body, setCookie: response.headers["set-cookie"] ?? [] }),
        );
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

function sessionCookie(reply: Reply): string {
  const line = reply.setCookie.find((candidate) => candidate.startsWith("vestibule.session="));
  assert.ok(line, `no session cookie: ${reply.status} ${reply.body}`);
  return line.split(";")[0];
}

function workerPids(): number[] {
  const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(server.pid)]).toString();
  return out
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter(Boolean);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("A server of several worker processes", () => {
  it("runs WEB_CONCURRENCY worker processes behind one port", () => {
    assert.equal(workerPids().length, WORKERS);
  });

  it("accepts a session on every worker, and ends it on every worker at logout", async () => {
    const cookie = sessionCookie(
      await fresh("/api/register", { method: "POST", body: { username: uniqueName("w"), password: strongPassword() } }),
    );
    for (let i = 0; i < 2 * WORKERS; i++) assert.equal((await fresh("/api/me", { cookie })).status, 200);
    assert.equal((await fresh("/api/logout", { method: "POST", cookie })).status, 200);
    for (let i = 0; i < 2 * WORKERS; i++) assert.equal((await fresh("/api/me", { cookie })).status, 401);
  });

  it("counts failed logins on every worker towards one limit", async () => {
    const username = uniqueName("t");
    const password = strongPassword();
    assert.equal((await fresh("/api/register", { method: "POST", body: { username, password } })).status, 201);
    const statuses = [];
    for (let i = 0; i < 3 + WORKERS; i++)
      statuses.push(
        (await fresh("/api/login", { method: "POST", body: { username, password: "wrong-Password-1" } })).status,
      );
    assert.deepEqual(statuses, [400, 400, 400, ...Array(WORKERS).fill(429)]);
  });

  it("answers concurrent registrations, logins and logouts without a server error", async () => {
    const accounts = Array.from({ length: 24 }, () => ({ username: uniqueName("c"), password: strongPassword() }));
    const registered = await Promise.all(accounts.map((body) => fresh("/api/register", { method: "POST", body })));
    assert.deepEqual(
      registered.map((reply) => reply.status),
      Array(accounts.length).fill(201),
      registered.map((reply) => reply.body).join("\n"),
    );
    const logins = await Promise.all([
      ...accounts.map((body) => fresh("/api/login", { method: "POST", body })),
      ...accounts.map(({ username }) =>
        fresh("/api/login", { method: "POST", body: { username, password: "wrong-Password-1" } }),
      ),
      ...registered.map((reply) => fresh("/api/logout", { method: "POST", cookie: sessionCookie(reply) })),
    ]);
    const statuses = logins.map((reply) => reply.status);
    assert.deepEqual(
      statuses.slice(0, accounts.length),
      Array(accounts.length).fill(200),
      logins.map((reply) => reply.body).join("\n"),
    );
    assert.deepEqual(statuses.slice(accounts.length, 2 * accounts.length), Array(accounts.length).fill(400));
    assert.deepEqual(statuses.slice(2 * accounts.length), Array(accounts.length).fill(200));
    assert.doesNotMatch(server.output(), /SQLITE_BUSY|database is locked/i);
  });

  it("stops every worker when its primary gets SIGTERM, leaving nothing on the port", async () => {
    const pids = workerPids();
    assert.equal(pids.length, WORKERS);
    process.kill(server.pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && [server.pid, ...pids].some(alive))
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual([server.pid, ...pids].filter(alive), []);
    await assert.rejects(fetch(`${server.url}/api/session`));
  });
});
