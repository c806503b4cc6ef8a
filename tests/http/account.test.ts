import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertAnonymous,
  assertUserShape,
  ISO_MS,
  logIn,
  registerAccount,
  sessionIdOf,
  sessionOf,
  strongPassword,
  uniqueName,
  type Account,
} from "../support/accounts";
import { client, setCookieLine, type Client } from "../support/client";
import { withDb } from "../support/db";
import {
  assertUnauthorized,
  basicHeader,
  columnsContaining,
  createToken,
  INVALID_LOGIN,
  INVALID_TOKEN,
  tokenHeader,
  withUserAgent,
  type IssuedToken,
} from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const PASSWORD_SAVED = { detail: "New password has been saved." };
const WRONG_OLD_PASSWORD = { old_password: ["Your old password was entered incorrectly. Please enter it again."] };
const NOT_FOUND = { detail: "Not found." };

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
});

after(async () => {
  await server?.stop();
});

type UserRow = {
  username: string;
  usernameKey: string;
  firstName: string;
  lastName: string;
  email: string;
  isStaff: number;
  isSuperuser: number;
  isActive: number;
  password: string;
};

function userRow(id: string): UserRow | undefined {
  return withDb(server.databasePath, (database) => database.get<UserRow>(`SELECT * FROM "User" WHERE id = ?`, id));
}

function sessionRows(where: string, ...params: unknown[]): number {
  return withDb(server.databasePath, (database) => database.count("Session", where, ...params));
}

/** Another device of the same user, logged in with the password. */
async function loggedIn(username: string, password: string, userAgent?: string): Promise<Client> {
  const device = userAgent ? withUserAgent(client(server.url), userAgent) : client(server.url);
  const response = await logIn(device, username, password);
  assert.equal(response.status, 200, response.text);
  return device;
}

async function assertTokenDead(token: IssuedToken): Promise<void> {
  assertUnauthorized(await client(server.url).get("/api/me", { headers: tokenHeader(token.key) }), INVALID_TOKEN);
}

async function assertTokenWorks(token: IssuedToken): Promise<void> {
  const response = await client(server.url).get("/api/me", { headers: tokenHeader(token.key) });
  assert.equal(response.status, 200, response.text);
}

async function assertLogInFails(username: string, password: string): Promise<void> {
  const response = await logIn(client(server.url), username, password);
  assert.equal(response.status, 400, response.text);
  assert.deepEqual(response.json, INVALID_LOGIN);
}

describe("PATCH /api/me", () => {
  it("changes first_name, last_name and email, in the answer and in the database", async () => {
    const browser = client(server.url);
    const { user, password } = await registerAccount(browser);
    // A new address needs the password (tests/http/email-verification.test.ts).
    const response = await browser.request("PATCH", "/api/me", {
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@example.com",
      password,
    });
    assert.equal(response.status, 200, response.text);
    assertUserShape(response.json);
    assert.deepEqual(response.json, { ...user, first_name: "Grace", last_name: "Hopper", email: "grace@example.com" });
    const row = userRow(user.id);
    assert.deepEqual([row?.firstName, row?.lastName, row?.email], ["Grace", "Hopper", "grace@example.com"]);
    assert.deepEqual((await browser.get("/api/me")).json, response.json);
  });

  it("changes only the fields that were sent", async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser, { first_name: "Kept", email: "kept@example.com" });
    const response = await browser.request("PATCH", "/api/me", { last_name: "Changed" });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, { ...user, last_name: "Changed" });
    assert.equal(userRow(user.id)?.email, "kept@example.com");
  });

  it('answers 400 "Enter a valid email address." to an invalid email and changes nothing', async () => {
    const browser = client(server.url);
    const { user } = await registerAccount(browser, { email: "before@example.com" });
    for (const email of ["not-an-email", "a@", "@example.com", "two@@example.com"]) {
      const response = await browser.request("PATCH", "/api/me", { email, first_name: "Unsaved" });
      assert.equal(response.status, 400, `${email}: ${response.text}`);
      assert.deepEqual(response.json, { email: ["Enter a valid email address."] });
    }
    const row = userRow(user.id);
    assert.equal(row?.email, "before@example.com");
    assert.equal(row?.firstName, "");
  });

  it("ignores is_staff, is_active, username, id and password, in the answer and in the database", async () => {
    const browser = client(server.url);
    const { username, password, user } = await registerAccount(browser);
    const before = userRow(user.id);
    const response = await browser.request("PATCH", "/api/me", {
      is_staff: true,
      is_superuser: true,
      is_active: false,
      username: uniqueName("renamed"),
      id: "another-id",
      password: strongPassword(),
      first_name: "Applied",
    });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, { ...user, first_name: "Applied" });
    const row = userRow(user.id);
    assert.ok(row, "the user's row moved to another id");
    assert.deepEqual(
      [row.username, row.usernameKey, row.isStaff, row.isSuperuser, row.isActive, row.password],
      [before?.username, before?.usernameKey, 0, 0, 1, before?.password],
    );
    assert.equal(userRow("another-id"), undefined);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
  });
});

describe("POST /api/password/change", () => {
  it("answers 400 with the exact message to a wrong old password, and changes nothing", async () => {
    const browser = client(server.url);
    const { username, password, user } = await registerAccount(browser);
    const hash = userRow(user.id)?.password;
    const newPassword = strongPassword();
    const response = await browser.post("/api/password/change", {
      old_password: strongPassword(),
      new_password: newPassword,
    });
    assert.equal(response.status, 400, response.text);
    assert.deepEqual(response.json, WRONG_OLD_PASSWORD);
    assert.equal(userRow(user.id)?.password, hash);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
    await assertLogInFails(username, newPassword);
  });

  it("answers 400 under new_password to a weak new password, and changes nothing", async () => {
    const browser = client(server.url);
    const { username, password, user } = await registerAccount(browser, { username: uniqueName("weakling") });
    const hash = userRow(user.id)?.password;
    const cases: Array<[string, string]> = [
      ["83749261", "This password is entirely numeric."],
      ["password", "This password is too common."],
      ["short1!", "This password is too short. It must contain at least 8 characters."],
      [`${username}1`, "The password is too similar to the username."],
    ];
    for (const [weak, message] of cases) {
      const response = await browser.post("/api/password/change", { old_password: password, new_password: weak });
      assert.equal(response.status, 400, `${weak}: ${response.text}`);
      const errors = response.json as Record<string, string[]>;
      assert.deepEqual(Object.keys(errors), ["new_password"], response.text);
      assert.ok(errors.new_password.includes(message), `${weak}: ${response.text}`);
    }
    assert.equal(userRow(user.id)?.password, hash);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
  });

  it("saves the new password, ends every other session and every token, and keeps the current session", async () => {
    const browser = client(server.url);
    const { username, password, user } = await registerAccount(browser);
    const currentSession = await sessionIdOf(browser);
    const phone = await loggedIn(username, password);
    const tablet = await loggedIn(username, password);
    const tokens = [await createToken(browser, { name: "one" }), await createToken(browser, { name: "two" })];
    const bystander = client(server.url);
    const stranger = await registerAccount(bystander);
    const strangersToken = await createToken(bystander);
    assert.equal(sessionRows("userId = ?", user.id), 3);

    const newPassword = strongPassword();
    const response = await browser.post("/api/password/change", { old_password: password, new_password: newPassword });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, PASSWORD_SAVED);

    await assertAnonymous(phone);
    await assertAnonymous(tablet);
    for (const token of tokens) await assertTokenDead(token);
    assert.equal(
      withDb(server.databasePath, (database) => database.count("ApiToken", "userId = ?", user.id)),
      0,
    );
    assert.equal(await sessionIdOf(browser), currentSession);
    assert.equal((await browser.get("/api/me")).status, 200);
    assert.equal(sessionRows("userId = ?", user.id), 1);

    await assertLogInFails(username, password);
    assert.equal((await logIn(client(server.url), username, newPassword)).status, 200);
    // Nobody else's sessions or tokens.
    assert.equal((await sessionOf(bystander)).user?.id, stranger.user.id);
    await assertTokenWorks(strangersToken);
  });

  it("ends every session and token when authenticated by basic credentials (there is no current session)", async () => {
    const laptop = client(server.url);
    const { username, password, user } = await registerAccount(laptop);
    const phone = await loggedIn(username, password);
    const token = await createToken(laptop);

    const newPassword = strongPassword();
    const response = await client(server.url).post(
      "/api/password/change",
      { old_password: password, new_password: newPassword },
      { headers: basicHeader(username, password) },
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, PASSWORD_SAVED);
    assert.equal(setCookieLine(response), undefined);

    await assertAnonymous(laptop);
    await assertAnonymous(phone);
    await assertTokenDead(token);
    assert.equal(sessionRows("userId = ?", user.id), 0);
    await assertLogInFails(username, password);
    assert.equal(
      (await client(server.url).get("/api/me", { headers: basicHeader(username, newPassword) })).status,
      200,
    );
  });

  it("ends every session and token, the calling one too, when authenticated by a token", async () => {
    const laptop = client(server.url);
    const { username, password, user } = await registerAccount(laptop);
    const phone = await loggedIn(username, password);
    const caller = await createToken(laptop, { name: "caller" });
    const other = await createToken(laptop, { name: "other" });

    const newPassword = strongPassword();
    const response = await client(server.url).post(
      "/api/password/change",
      { old_password: password, new_password: newPassword },
      { headers: tokenHeader(caller.key) },
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, PASSWORD_SAVED);

    await assertAnonymous(laptop);
    await assertAnonymous(phone);
    await assertTokenDead(caller);
    await assertTokenDead(other);
    assert.equal(sessionRows("userId = ?", user.id), 0);
    assert.equal((await logIn(client(server.url), username, newPassword)).status, 200);
  });
});

type SessionItem = { id: string; created: string; last_used: string; user_agent: string; current: boolean };

async function listSessions(browser: Client): Promise<SessionItem[]> {
  const response = await browser.get("/api/sessions");
  assert.equal(response.status, 200, response.text);
  assert.ok(Array.isArray(response.json), response.text);
  return response.json as SessionItem[];
}

describe("GET /api/sessions", () => {
  it("lists the user's sessions, this one current exactly once, with the User-Agent each was started with", async () => {
    const laptop = withUserAgent(client(server.url), "Laptop/1.0 (sessions test)");
    const { username, password, user } = await registerAccount(laptop);
    const phone = await loggedIn(username, password, "Phone/2.0 (sessions test)");
    await loggedIn(username, password, "Tablet/3.0 (sessions test)");
    const stranger = withUserAgent(client(server.url), "Stranger/9.9");
    await registerAccount(stranger);

    const sessions = await listSessions(phone);
    assert.equal(sessions.length, 3);
    for (const session of sessions) {
      assert.deepEqual(Object.keys(session).sort(), ["created", "current", "id", "last_used", "user_agent"]);
      assert.match(session.created, ISO_MS);
      assert.match(session.last_used, ISO_MS);
    }
    assert.deepEqual(sessions.map((session) => session.user_agent).sort(), [
      "Laptop/1.0 (sessions test)",
      "Phone/2.0 (sessions test)",
      "Tablet/3.0 (sessions test)",
    ]);
    const current = sessions.filter((session) => session.current);
    assert.equal(current.length, 1);
    assert.equal(current[0].id, await sessionIdOf(phone));
    assert.equal(current[0].user_agent, "Phone/2.0 (sessions test)");
    assert.equal(sessionRows("userId = ?", user.id), 3);

    const fromLaptop = await listSessions(laptop);
    assert.deepEqual(
      fromLaptop.filter((session) => session.current).map((session) => session.id),
      [await sessionIdOf(laptop)],
    );
  });

  it("marks no session current for a request authenticated by a token", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const token = await createToken(browser);
    const response = await client(server.url).get("/api/sessions", { headers: tokenHeader(token.key) });
    assert.equal(response.status, 200, response.text);
    const sessions = response.json as SessionItem[];
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].current, false);
  });
});

describe("DELETE /api/sessions/{id}", () => {
  it("ends another session of the caller: 204, and that client is anonymous on its very next request", async () => {
    const laptop = client(server.url);
    const { username, password } = await registerAccount(laptop);
    const phone = await loggedIn(username, password);
    const phoneSession = await sessionIdOf(phone);
    const laptopSession = await sessionIdOf(laptop);

    const response = await laptop.request("DELETE", `/api/sessions/${phoneSession}`);
    assert.equal(response.status, 204, response.text);
    assert.equal(response.text, "");
    assert.equal(setCookieLine(response), undefined, "revoking another session touched this client's cookie");

    await assertAnonymous(phone);
    assert.equal(sessionRows("id = ?", phoneSession), 0);
    assert.equal(await sessionIdOf(laptop), laptopSession);
    assert.deepEqual(
      (await listSessions(laptop)).map((session) => session.id),
      [laptopSession],
    );
  });

  it("answers 404 for another user's session, which keeps working", async () => {
    const alice = client(server.url);
    await registerAccount(alice);
    const bob = client(server.url);
    const { user: bobUser } = await registerAccount(bob);
    const bobSession = await sessionIdOf(bob);

    const response = await alice.request("DELETE", `/api/sessions/${bobSession}`);
    assert.equal(response.status, 404, response.text);
    assert.deepEqual(response.json, NOT_FOUND);
    assert.equal(sessionRows("id = ?", bobSession), 1);
    assert.equal(await sessionIdOf(bob), bobSession);
    assert.equal((await sessionOf(bob)).user?.id, bobUser.id);
  });

  it("answers 404 for an id that names no session", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const response = await browser.request("DELETE", "/api/sessions/no-such-session");
    assert.equal(response.status, 404, response.text);
    assert.deepEqual(response.json, NOT_FOUND);
  });

  it("ends the current session: 204, the cookie is cleared and this client is anonymous", async () => {
    const browser = client(server.url);
    const { username, password } = await registerAccount(browser);
    const phone = await loggedIn(username, password);
    const current = await sessionIdOf(browser);
    const copied = browser.cookie();
    assert.ok(copied);

    const response = await browser.request("DELETE", `/api/sessions/${current}`);
    assert.equal(response.status, 204, response.text);
    assert.ok(setCookieLine(response), `the cookie was not cleared: ${JSON.stringify(response.setCookies)}`);
    assert.equal(browser.cookie(), undefined);
    await assertAnonymous(browser);
    assert.equal(sessionRows("id = ?", current), 0);

    const replay = client(server.url);
    replay.setCookie("vestibule.session", copied);
    await assertAnonymous(replay);
    assert.equal((await sessionOf(phone)).is_authenticated, true);
  });
});

type EventItem = { event: string; created: string; ip: string; user_agent: string };

/** True when `expected` appears in `actual` in this order, other items allowed in between. */
function isSubsequence(expected: string[], actual: string[]): boolean {
  let next = 0;
  for (const item of actual) if (item === expected[next]) next += 1;
  return next === expected.length;
}

describe("GET /api/events and the AuthEvent table", () => {
  const AGENT = "EventsTest/1.0 (the user)";
  const STRANGER_AGENT = "EventsTest/1.0 (a stranger)";
  const CHRONOLOGY = [
    "register",
    "login_failed",
    "login",
    "token_created",
    "token_revoked",
    "session_revoked",
    "password_changed",
    "logout",
    "login",
  ];
  let account: Account;
  let newPassword: string;
  let events: EventItem[];
  const wrongPassword = strongPassword();

  before(async () => {
    const strangerBrowser = withUserAgent(client(server.url), STRANGER_AGENT);
    const stranger = await registerAccount(strangerBrowser);

    const browser = withUserAgent(client(server.url), AGENT);
    account = await registerAccount(browser);
    const { username, password } = account;
    // The stranger is busy at the same time: none of it may show in the user's list.
    assert.equal(
      (await logIn(withUserAgent(client(server.url), STRANGER_AGENT), stranger.username, strongPassword())).status,
      400,
    );
    assert.equal((await logIn(withUserAgent(client(server.url), AGENT), username, wrongPassword)).status, 400);
    const phone = await loggedIn(username, password, AGENT);
    await createToken(strangerBrowser);
    const token = await createToken(browser, { name: "audited" });
    assert.equal((await browser.request("DELETE", `/api/tokens/${token.id}`)).status, 204);
    assert.equal((await browser.request("DELETE", `/api/sessions/${await sessionIdOf(phone)}`)).status, 204);
    newPassword = strongPassword();
    assert.equal(
      (await browser.post("/api/password/change", { old_password: password, new_password: newPassword })).status,
      200,
    );
    assert.equal((await strangerBrowser.post("/api/logout")).status, 200);
    assert.equal((await browser.post("/api/logout")).status, 200);
    assert.equal((await logIn(browser, username, newPassword)).status, 200);

    const response = await browser.get("/api/events");
    assert.equal(response.status, 200, response.text);
    assert.ok(Array.isArray(response.json), response.text);
    events = response.json as EventItem[];
  });

  it("answers with the caller's events, newest first", () => {
    for (const event of events) {
      assert.deepEqual(Object.keys(event).sort(), ["created", "event", "ip", "user_agent"]);
      assert.match(event.created, ISO_MS);
    }
    const times = events.map((event) => Date.parse(event.created));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      "not newest first",
    );
    const chronological = events.map((event) => event.event).reverse();
    assert.ok(
      isSubsequence(CHRONOLOGY, chronological),
      `expected ${CHRONOLOGY.join(", ")} in this order, got ${chronological.join(", ")}`,
    );
    assert.equal(events[0].event, "login");
  });

  it("names the address and User-Agent of each event", () => {
    for (const event of events) {
      assert.equal(event.ip, "127.0.0.1");
      assert.equal(event.user_agent, AGENT);
    }
  });

  it("never shows another user's events", () => {
    const own = withDb(server.databasePath, (database) => database.count("AuthEvent", "userId = ?", account.user.id));
    assert.equal(events.length, own);
    assert.ok(events.every((event) => event.user_agent !== STRANGER_AGENT));
  });

  it("keeps an AuthEvent row for every one of them", () => {
    const stored = withDb(server.databasePath, (database) =>
      database.all<{ event: string; userAgent: string }>(
        `SELECT event, userAgent FROM "AuthEvent" WHERE userId = ? ORDER BY createdAt, id`,
        account.user.id,
      ),
    );
    assert.ok(
      isSubsequence(
        CHRONOLOGY,
        stored.map((row) => row.event),
      ),
      stored.map((row) => row.event).join(", "),
    );
  });

  it("stores no password anywhere: not in the audit trail, not in any column", () => {
    for (const password of [account.password, newPassword, wrongPassword]) {
      assert.deepEqual(columnsContaining(server.databasePath, password), []);
    }
  });

  it("answers 401 to an anonymous client", async () => {
    assertUnauthorized(await client(server.url).get("/api/events"), {
      detail: "Authentication credentials were not provided.",
    });
  });
});

it("leaks no password, hash, session cookie or API key", () => {
  assertNoSecretsLeaked(server);
});
