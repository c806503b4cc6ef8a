import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { logIn, registerAccount, strongPassword, uniqueName, type Account } from "../support/accounts";
import { client, SESSION_COOKIE, type ApiResponse, type Client } from "../support/client";
import { withDb } from "../support/db";
import { assertContractResponse, assertNothingWritten, faultLines, rowCounts } from "../support/hostile-checks";
import {
  body as bodyOf,
  forwardedValue,
  freshRegistration,
  foreignAuthorization,
  hostileBody,
  hostileHeaders,
  idSegment,
  malformedAuthorization,
  registrationWithPrivileges,
  OTHER_SESSION,
  OTHER_TOKEN,
  HEAD_BUDGET,
  hostileQuery,
  preview,
  wellFormedIdSegment,
  type HostileBody,
} from "../support/hostile-inputs";
import { assertNoSecretsLeaked } from "../support/secrets";
import { POSTGRES_URL, startServer, type TestServer } from "../support/server";

// Property-based: generated hostile requests against every endpoint, as anonymous and logged-in
// callers. Whatever comes in, the answer is one of the contract's statuses, JSON, with no trace
// of internals, and a refused request writes no user, session or token. Fixed seed, bounded runs:
// a failure names its counterexample, and the next run finds the same one.

const SEED = 424242;
// Stop at the first failure and report it as generated; SHRINK=1 shrinks it first (more requests).
// Under test:postgres every row count is a psql run: a third of the runs keeps the file in bounds.
const settings = (numRuns: number) => ({
  seed: SEED,
  numRuns: POSTGRES_URL ? Math.ceil(numRuns / 3) : numRuns,
  endOnFailure: process.env.SHRINK !== "1",
});

let server: TestServer;

/** Who sends a request: one of this file's accounts, or an anonymous client with an Authorization header. */
type Identity = "anonymous" | "session" | "token" | "basic" | "staff" | "fresh session";
type Caller = { identity: Identity; authorization?: { kind: "malformed" | "foreign"; value: string } };

const browsers = {} as Record<"session" | "staff", Client>;
let tokenKey = "";
let basicCredentials = "";
let leaver: Account;
const usernames = {} as Record<"session" | "token" | "basic", string>;
// Ids of a bystander's token and session: no caller owns them, so deleting them must be a 404.
const bystander = { tokenId: "", sessionId: "" };

before(async () => {
  // Limits out of reach, so that a 429 never stands in for the answer under test.
  server = await startServer({
    THROTTLE_LOGIN_USERNAME: "100000/15m",
    THROTTLE_LOGIN_ADDRESS: "100000/15m",
    THROTTLE_REGISTER: "100000/h",
    THROTTLE_PASSWORD_RESET: "100000/h",
  });

  browsers.session = client(server.url);
  usernames.session = (await registerAccount(browsers.session)).username;

  const tokenOwner = client(server.url);
  usernames.token = (await registerAccount(tokenOwner)).username;
  const minted = await tokenOwner.post("/api/tokens", { name: "hostile-input" });
  assert.equal(minted.status, 201, minted.text);
  tokenKey = (minted.json as { key: string }).key;

  const basic = await registerAccount(client(server.url));
  basicCredentials = Buffer.from(`${basic.username}:${basic.password}`).toString("base64");
  usernames.basic = basic.username;

  browsers.staff = client(server.url);
  const staff = await registerAccount(browsers.staff);
  withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET isStaff = 1 WHERE id = ?`, staff.user.id), {
    writable: true,
  });

  // Logs in afresh for each logout: a logout (with "all") ends every session of its user.
  leaver = await registerAccount(client(server.url));

  const other = client(server.url);
  await registerAccount(other);
  const otherToken = await other.post("/api/tokens", { name: "bystander" });
  bystander.tokenId = (otherToken.json as { id: string }).id;
  bystander.sessionId = ((await other.get("/api/session")).json as { auth: { sessionId: string } }).auth.sessionId;
});

after(async () => {
  await server?.stop();
});

const callerArbitrary = (identities: Identity[]): fc.Arbitrary<Caller> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...identities).map((identity): Caller => ({ identity })) },
    {
      weight: 1,
      arbitrary: malformedAuthorization.map((value): Caller => ({
        identity: "anonymous",
        authorization: { kind: "malformed", value },
      })),
    },
    {
      weight: 1,
      arbitrary: foreignAuthorization.map((value): Caller => ({
        identity: "anonymous",
        authorization: { kind: "foreign", value },
      })),
    },
  );

function describeCaller(caller: Caller): string {
  return caller.authorization
    ? `anonymous with Authorization ${preview(caller.authorization.value, 80)}`
    : caller.identity;
}

type Sent = { response: ApiResponse; request: string };

/** A new browser, logged in as the leaver. */
async function freshSession(): Promise<Client> {
  const browser = client(server.url);
  const login = await logIn(browser, leaver.username, leaver.password);
  assert.equal(login.status, 200, login.text);
  return browser;
}

/**
 * Sends one request as `caller` and asserts the contract's shape of the answer (unless `unchecked`:
 * the caller asserts it after its own, more telling checks); `request` describes it for messages.
 */
async function send(
  caller: Caller,
  method: string,
  path: string,
  body?: HostileBody,
  extraHeaders: Record<string, string> = {},
  unchecked = false,
): Promise<Sent> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body) headers["content-type"] = body.contentType;
  let browser = client(server.url);
  if (caller.identity === "session" || caller.identity === "staff") browser = browsers[caller.identity];
  if (caller.identity === "fresh session") browser = await freshSession();
  if (caller.identity === "token") headers.authorization = `Token ${tokenKey}`;
  if (caller.identity === "basic") headers.authorization = `Basic ${basicCredentials}`;
  if (caller.authorization) headers.authorization = caller.authorization.value;
  // Hostile headers get what is left of the head's budget (Node's own 431 is not the app's answer).
  let room = HEAD_BUDGET - Buffer.byteLength(path) - (headers.authorization?.length ?? 0) - 1024;
  for (const [name, value] of Object.entries(extraHeaders)) {
    headers[name] = value.slice(0, Math.max(0, room)).trim();
    room -= headers[name].length;
    if (!headers[name]) delete headers[name];
  }
  // A hostile Cookie header replaces the jar: keep the caller's session cookie after it.
  if (headers.cookie !== undefined && browser.cookie()) headers.cookie += `; ${SESSION_COOKIE}=${browser.cookie()}`;

  const pathShown = path.length > 200 ? `${path.slice(0, 200)}… (${path.length} chars)` : path;
  const headersShown = Object.entries(extraHeaders)
    .filter(([name]) => headers[name] !== undefined)
    .map(([name, value]) => `${name}: ${preview(value, 60)}`)
    .join(", ");
  const request = [
    `${method} ${pathShown} as ${describeCaller(caller)}`,
    body &&
      `${body.kind} body of ${Buffer.byteLength(body.text)} bytes (${JSON.stringify(body.contentType)}): ${preview(body.text)}`,
    headersShown && `headers ${headersShown}`,
  ]
    .filter(Boolean)
    .join("; ");
  const response = await browser.request(method, path, body?.text, { headers });
  if (!unchecked) assertContractResponse(response, request);
  // A path whose %-escapes do not decode names no endpoint: its 404 comes before authentication,
  // as Django resolves the URL before any view authenticates.
  if (caller.authorization?.kind === "malformed" && decodablePath(path))
    assert.equal(
      response.status,
      401,
      `a malformed credential is an error, not anonymity:\n  ${request}\n  → ${response.status} ${preview(response.text)}`,
    );
  return { response, request };
}

function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

const optionalHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: hostileHeaders },
);

type Counts = ReturnType<typeof rowCounts>;
type BodyEndpoint = {
  method: string;
  path: string;
  fields: string[];
  callers: Identity[];
  runs: number;
  check?: (caller: Caller, sent: Sent, before: Counts, after: Counts) => void;
};

// Register and login would replace a logged-in client's session on success: their callers carry
// no session. Logout (with "all") ends every session of its user: it gets a fresh one each time.
const BODY_ENDPOINTS: BodyEndpoint[] = [
  {
    method: "POST",
    path: "/api/register",
    fields: ["username", "password", "first_name", "last_name", "email"],
    callers: ["anonymous", "token", "basic"],
    runs: 80,
    check: (_caller, { response, request }, before, after) => {
      if (response.status === 201)
        assert.deepEqual(after, { ...before, User: before.User + 1, Session: before.Session + 1 }, request);
    },
  },
  {
    method: "POST",
    path: "/api/login",
    fields: ["username", "password"],
    callers: ["anonymous", "token", "basic"],
    runs: 80,
  },
  {
    method: "POST",
    path: "/api/tokens",
    fields: ["name", "expires_in_days"],
    callers: ["anonymous", "session", "token", "basic"],
    runs: 80,
    check: (caller, { response, request }) => {
      if (caller.identity === "token") assert.notEqual(response.status, 201, `a token minted a token:\n  ${request}`);
    },
  },
  {
    method: "POST",
    path: "/api/logout",
    fields: ["all"],
    callers: ["anonymous", "fresh session", "token", "basic"],
    runs: 60,
  },
  {
    method: "POST",
    path: "/api/password/change",
    fields: ["old_password", "new_password"],
    callers: ["anonymous", "session", "token", "basic"],
    runs: 60,
  },
  { method: "POST", path: "/api/password/reset", fields: ["email"], callers: ["anonymous", "session"], runs: 60 },
  {
    method: "POST",
    path: "/api/password/reset/confirm",
    fields: ["uid", "token", "new_password"],
    callers: ["anonymous"],
    runs: 60,
  },
  {
    method: "PATCH",
    path: "/api/me",
    fields: ["first_name", "last_name", "email", "username", "password", "is_staff"],
    callers: ["anonymous", "session", "token", "basic"],
    runs: 60,
  },
];

describe("Hostile input: request bodies", () => {
  for (const endpoint of BODY_ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.path}: any body gets a contract answer, and a refused one writes no user, session or token`, async () => {
      await fc.assert(
        fc.asyncProperty(
          callerArbitrary(endpoint.callers),
          hostileBody(endpoint.fields),
          optionalHeaders,
          async (caller, body, headers) => {
            const before = rowCounts(server.databasePath);
            const sent = await send(caller, endpoint.method, endpoint.path, body, headers, true);
            const after = rowCounts(server.databasePath);
            // The fresh session was made for this request (send() logged in first): not its write.
            if (caller.identity === "fresh session") before.Session += 1;
            assertNothingWritten(sent.response, before, after, sent.request);
            assertContractResponse(sent.response, sent.request);
            endpoint.check?.(caller, sent, before, after);
          },
        ),
        settings(endpoint.runs),
      );
    });
  }
});

describe("Hostile input: forwarded headers", () => {
  // Found with seeds 5 and 8 of the body properties above, shrunk by hand, and replayed first here.
  // Auth.js runs with trustHost, so it builds its URL from the client's X-Forwarded-Proto/-Host
  // although TRUST_PROXY is 0: a value that makes no URL ("h", "a b") throws inside signIn/signOut.
  it("X-Forwarded-Proto/-Host sent by a client never make register, login or logout fail, nor leave half a registration", async () => {
    const validBody = {
      "/api/register": freshRegistration,
      "/api/login": fc.constant(bodyOf("login", '{"username":"nobody-forwarded","password":"Pw-hostile-123"}')),
      "/api/logout": fc.constant(bodyOf("empty", "")),
    };
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom("/api/register", "/api/login", "/api/logout")
          .chain((path) => fc.tuple(fc.constant(path), validBody[path])),
        fc.constantFrom("x-forwarded-proto", "x-forwarded-host"),
        forwardedValue,
        async ([path, body], name, value) => {
          const before = rowCounts(server.databasePath);
          const { response, request } = await send(
            { identity: "anonymous" },
            "POST",
            path,
            body,
            { [name]: value },
            true,
          );
          const after = rowCounts(server.databasePath);
          assertNothingWritten(response, before, after, request);
          assertContractResponse(response, request);
          if (path === "/api/register") assert.equal(response.status, 201, request);
        },
      ),
      // The user row is written before Auth.js fails: a 500, and the username is taken all the same.
      {
        ...settings(60),
        examples: [
          [
            ["/api/register", bodyOf("registration", '{"username":"forwarded1","password":"Pw-hostile-pinned-7q"}')],
            "x-forwarded-proto",
            "h",
          ],
        ],
      },
    );
  });
});

// The body properties above only ask for a contract answer: "ﬁ".repeat(76), 76 characters that
// NFKC makes 152, would pass them as a 201 too. The limit is counted after NFKC, as Django does.
describe("Hostile input: the username limit counts after NFKC", () => {
  const TOO_LONG = { username: ["Ensure this field has no more than 150 characters."] };
  /** A fresh username `after` code points long after NFKC, made mostly of ﬁ (one before, two after). */
  const ligatures = (after: number) => {
    const prefix = uniqueName("n");
    const room = after - prefix.length;
    return `${prefix}${"ﬁ".repeat(Math.floor(room / 2))}${"a".repeat(room % 2)}`;
  };
  const overTheLimit = () => ["ﬁ".repeat(76), ligatures(151)];

  it("POST /api/register refuses a username over 150 characters after NFKC with the 400, and writes nothing", async () => {
    for (const username of overTheLimit()) {
      const before = rowCounts(server.databasePath);
      const response = await client(server.url).post("/api/register", { username, password: strongPassword() });
      const shown = `${[...username].length} characters, ${[...username.normalize("NFKC")].length} after NFKC`;
      assert.equal(response.status, 400, `${shown}: ${response.text}`);
      assert.deepEqual(response.json, TOO_LONG, shown);
      assert.deepEqual(rowCounts(server.databasePath), before, shown);
    }
    const longest = ligatures(150);
    const response = await client(server.url).post("/api/register", { username: longest, password: strongPassword() });
    assert.equal(response.status, 201, response.text);
    assert.equal((response.json as { username: string }).username, longest.normalize("NFKC"));
  });
});

describe("Hostile input: fields a client may not set", () => {
  type Flags = { isStaff: number; isSuperuser: number; isActive: number };
  const flagsOf = (id: string) =>
    withDb(server.databasePath, (database) =>
      database.get<Flags>(`SELECT isStaff, isSuperuser, isActive FROM "User" WHERE id = ?`, id),
    );

  it("POST /api/register ignores privileges sent as own, duplicate, __proto__ or constructor keys", async () => {
    await fc.assert(
      fc.asyncProperty(registrationWithPrivileges, async (body) => {
        const { response, request } = await send({ identity: "anonymous" }, "POST", "/api/register", body);
        assert.equal(response.status, 201, request);
        const user = response.json as { id: string; is_staff: boolean };
        assert.equal(user.is_staff, false, request);
        assert.notEqual(user.id, "admin", request);
        assert.deepEqual(flagsOf(user.id), { isStaff: 0, isSuperuser: 0, isActive: 1 }, request);
      }),
      settings(40),
    );
  });

  it("PATCH /api/me ignores them too", async () => {
    await fc.assert(
      fc.asyncProperty(
        registrationWithPrivileges,
        fc.constantFrom("session", "token", "basic") as fc.Arbitrary<keyof typeof usernames>,
        async (body, identity) => {
          const { response, request } = await send({ identity }, "PATCH", "/api/me", body);
          assert.equal(response.status, 200, request);
          const user = response.json as { id: string; username: string; is_staff: boolean };
          assert.equal(user.username, usernames[identity], request);
          assert.equal(user.is_staff, false, request);
          assert.deepEqual(flagsOf(user.id), { isStaff: 0, isSuperuser: 0, isActive: 1 }, request);
        },
      ),
      settings(40),
    );
  });
});

describe("Hostile input: Authorization headers", () => {
  const ENDPOINTS: Array<[method: string, path: string]> = [
    ["GET", "/api/session"],
    ["GET", "/api/me"],
    ["GET", "/api/sessions"],
    ["GET", "/api/tokens"],
    ["GET", "/api/events"],
    ["GET", "/api/admin/users"],
    ["POST", "/api/register"],
    ["POST", "/api/login"],
    ["POST", "/api/logout"],
    ["POST", "/api/tokens"],
    ["POST", "/api/password/change"],
    ["PATCH", "/api/me"],
    ["DELETE", "/api/tokens/x"],
    ["DELETE", "/api/sessions/x"],
  ];

  it("answers a malformed credential with 401 on every endpoint, and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), malformedAuthorization, async ([method, path], value) => {
        const before = rowCounts(server.databasePath);
        const body: HostileBody | undefined =
          method === "GET" || method === "DELETE"
            ? undefined
            : {
                kind: "valid",
                text: '{"username":"hostile","password":"Pw-hostile-123"}',
                contentType: "application/json",
              };
        const { response, request } = await send(
          { identity: "anonymous", authorization: { kind: "malformed", value } },
          method,
          path,
          body,
        );
        assert.equal(response.headers.get("www-authenticate"), "Token", request);
        assert.deepEqual(rowCounts(server.databasePath), before, request);
      }),
      settings(80),
    );
  });

  it("treats another scheme's Authorization header as anonymity", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/me", "/api/sessions", "/api/tokens", "/api/events"),
        foreignAuthorization,
        async (path, value) => {
          const { response, request } = await send(
            { identity: "anonymous", authorization: { kind: "foreign", value } },
            "GET",
            path,
          );
          assert.equal(response.status, 401, request);
          assert.deepEqual(response.json, { detail: "Authentication credentials were not provided." }, request);
        },
      ),
      settings(40),
    );
  });
});

/** The segment with the bystander's ids in place of their placeholders. */
function withBystanderIds(segment: string): string {
  return segment.replaceAll(OTHER_TOKEN, bystander.tokenId).replaceAll(OTHER_SESSION, bystander.sessionId);
}

describe("Hostile input: paths, query strings and headers", () => {
  it("DELETE /api/tokens/{id} and /api/sessions/{id}: any id, broken escapes included, gets a contract answer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("tokens", "sessions"),
        idSegment,
        callerArbitrary(["anonymous", "session", "token", "basic", "staff"]),
        async (resource, segment, caller) => {
          const before = rowCounts(server.databasePath);
          const { response, request } = await send(caller, "DELETE", `/api/${resource}/${withBystanderIds(segment)}`);
          assertNothingWritten(response, before, rowCounts(server.databasePath), request);
        },
      ),
      // The shrunk counterexample this property found, replayed first: a lone "%" (any escape that
      // does not decode, such as "%ED%A0%80", a lone surrogate's bytes) was Next.js's bare
      // "500 Internal Server Error" in text/plain, before proxy.ts or the route handler run.
      { ...settings(60), examples: [["tokens", "%", { identity: "anonymous" }]] },
    );
  });

  it("DELETE /api/tokens/{id} and /api/sessions/{id}: another user's id is a 404 and stays, whatever else the request carries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("tokens", "sessions"),
        fc.oneof(fc.constantFrom(OTHER_TOKEN, OTHER_SESSION), wellFormedIdSegment),
        callerArbitrary(["anonymous", "session", "token", "basic", "staff"]),
        optionalHeaders,
        async (resource, segment, caller, headers) => {
          const before = rowCounts(server.databasePath);
          const { response, request } = await send(
            caller,
            "DELETE",
            `/api/${resource}/${withBystanderIds(segment)}`,
            undefined,
            headers,
          );
          const after = rowCounts(server.databasePath);
          assertNothingWritten(response, before, after, request);
          if (segment === OTHER_TOKEN || segment === OTHER_SESSION) {
            assert.ok(
              [401, 403, 404].includes(response.status),
              `another user's ${resource.slice(0, -1)} was not refused:\n  ${request} → ${response.status}`,
            );
            assert.deepEqual(after, before, request);
          }
        },
      ),
      settings(80),
    );
  });

  const PROTECTED = ["/api/me", "/api/sessions", "/api/tokens", "/api/events"];

  it("GET endpoints: hostile query strings and headers get contract answers and change no one's identity", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/session", ...PROTECTED, "/api/admin/users"),
        hostileQuery,
        callerArbitrary(["anonymous", "session", "token", "basic", "staff"]),
        optionalHeaders,
        async (path, query, caller, headers) => {
          const { response, request } = await send(
            caller,
            "GET",
            query.text ? `${path}?${query.text}` : path,
            undefined,
            headers,
          );
          // A hostile Cookie header may hide the session cookie: then who the caller is is moot.
          if (caller.authorization || headers.cookie !== undefined) return;
          const isStaff = caller.identity === "staff";
          if (caller.identity === "anonymous" && path !== "/api/session") assert.equal(response.status, 401, request);
          if (caller.identity !== "anonymous" && PROTECTED.includes(path)) assert.equal(response.status, 200, request);
          if (caller.identity !== "anonymous" && !isStaff && path === "/api/admin/users")
            assert.equal(response.status, 403, request);
          if (isStaff && path === "/api/admin/users") assert.ok([200, 400, 404].includes(response.status), request);
          if (path === "/api/session")
            assert.equal(
              (response.json as { is_authenticated: boolean }).is_authenticated,
              caller.identity !== "anonymous",
              request,
            );
        },
      ),
      settings(80),
    );
  });
});

describe("Hostile input: afterwards", () => {
  it("left the logged-in callers logged in (the properties reached authenticated code)", async () => {
    assert.equal((await browsers.session.get("/api/me")).status, 200);
    assert.equal(
      (await client(server.url).get("/api/me", { headers: { authorization: `Token ${tokenKey}` } })).status,
      200,
    );
    assert.equal(
      (await client(server.url).get("/api/me", { headers: { authorization: `Basic ${basicCredentials}` } })).status,
      200,
    );
    assert.equal((await browsers.staff.get("/api/admin/users")).status, 200);
  });

  it("logged no unhandled error", () => {
    assert.deepEqual(faultLines(server.output()), []);
  });

  it("leaks no password, hash or session cookie", () => {
    assertNoSecretsLeaked(server);
  });
});
