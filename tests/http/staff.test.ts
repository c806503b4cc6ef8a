import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertAnonymous,
  logIn,
  registerAccount,
  sessionOf,
  uniqueName,
  USER_KEYS,
  type Account,
} from "../support/accounts";
import { client, type ApiResponse, type Client } from "../support/client";
import { withDb } from "../support/db";
import {
  assertUnauthorized,
  createToken,
  INVALID_LOGIN,
  NOT_AUTHENTICATED,
  PERMISSION_DENIED,
  tokenHeader,
} from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const PAGE_SIZE = 20;
const MANAGED_USER_KEYS = [...USER_KEYS, "is_active"].sort();
const GRANTED_USER_KEYS = [...MANAGED_USER_KEYS, "groups", "user_permissions"].sort();

let server: TestServer;
let staff: Client;
let superuser: Client;
let member: Client;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" });
  staff = client(server.url);
  const { user } = await registerAccount(staff, { username: uniqueName("staff") });
  setFlag(user.id, "isStaff", 1);
  superuser = client(server.url);
  const { user: root } = await registerAccount(superuser, { username: uniqueName("root") });
  setFlag(root.id, "isStaff", 1);
  setFlag(root.id, "isSuperuser", 1);
  member = client(server.url);
  await registerAccount(member, { username: uniqueName("member") });
});

after(async () => {
  await server?.stop();
});

function setFlag(id: string, column: "isStaff" | "isActive" | "isSuperuser", value: 0 | 1): void {
  withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET ${column} = ? WHERE id = ?`, value, id), {
    writable: true,
  });
}

type Flags = { isStaff: number; isActive: number };

function flagsOf(id: string): Flags | undefined {
  return withDb(server.databasePath, (database) =>
    database.get<Flags>(`SELECT isStaff, isActive FROM "User" WHERE id = ?`, id),
  );
}

function eventsOf(id: string): string[] {
  return withDb(server.databasePath, (database) =>
    database
      .all<{ event: string }>(`SELECT event FROM "AuthEvent" WHERE userId = ? ORDER BY createdAt, id`, id)
      .map((row) => row.event),
  );
}

type ManagedUser = { id: string; username: string; email: string; is_active: boolean; is_staff: boolean };
type Page = { count: number; next: string | null; previous: string | null; results: ManagedUser[] };

async function listUsers(query = "", as: Client = staff): Promise<Page> {
  const response = await as.get(`/api/admin/users${query}`);
  assert.equal(response.status, 200, response.text);
  const page = response.json as Page;
  assert.deepEqual(Object.keys(page).sort(), ["count", "next", "previous", "results"]);
  for (const user of page.results) assert.deepEqual(Object.keys(user).sort(), MANAGED_USER_KEYS);
  return page;
}

/** A page link of the answer, followed on the test server (the link's host is the server's business). */
async function follow(link: string | null): Promise<Page> {
  assert.ok(link, "no link");
  const url = new URL(link);
  return listUsers(url.search ? `${url.search}` : "");
}

function patchUser(id: string, body: Record<string, unknown>, as: Client = staff): Promise<ApiResponse> {
  return as.request("PATCH", `/api/admin/users/${id}`, body);
}

describe("GET /api/admin/users", () => {
  it("answers 401 to an anonymous client", async () => {
    assertUnauthorized(await client(server.url).get("/api/admin/users"), NOT_AUTHENTICATED);
  });

  it("answers 403 with the exact message to a user who is not staff", async () => {
    const response = await member.get("/api/admin/users");
    assert.equal(response.status, 403, response.text);
    assert.deepEqual(response.json, PERMISSION_DENIED);
  });

  it("answers 403 to a non-staff user's token too", async () => {
    const token = await createToken(member);
    const response = await client(server.url).get("/api/admin/users", { headers: tokenHeader(token.key) });
    assert.equal(response.status, 403, response.text);
    assert.deepEqual(response.json, PERMISSION_DENIED);
  });

  it("answers staff with {count, next, previous, results}, each user with is_active", async () => {
    const page = await listUsers();
    const total = withDb(server.databasePath, (database) => database.count("User"));
    assert.equal(page.count, total);
    assert.equal(page.results.length, Math.min(total, PAGE_SIZE));
    assert.equal(page.previous, null);
    for (const user of page.results) {
      assert.equal(typeof user.id, "string");
      assert.equal(typeof user.is_active, "boolean");
    }
    const me = (await sessionOf(staff)).user;
    assert.deepEqual(
      page.results.find((user) => user.id === me?.id),
      { ...me, is_active: true },
    );
  });

  it("pages by 20: page 1 with a next link, page 2 with the rest and a previous link, page 99 is 404 Invalid page.", async () => {
    const prefix = uniqueName("Pager");
    const ids = new Set<string>();
    for (let index = 0; index < 25; index += 1)
      ids.add((await registerAccount(client(server.url), { username: `${prefix}n${index}` })).user.id);
    const query = `?search=${encodeURIComponent(prefix)}`;

    const first = await listUsers(query);
    assert.equal(first.count, 25);
    assert.equal(first.results.length, 20);
    assert.equal(first.previous, null);
    assert.ok(first.next, "page 1 has no next link");
    assert.equal(new URL(first.next).searchParams.get("page"), "2");
    assert.equal(new URL(first.next).searchParams.get("search"), prefix);

    const second = await follow(first.next);
    assert.equal(second.count, 25);
    assert.equal(second.results.length, 5);
    assert.equal(second.next, null);
    assert.ok(second.previous, "page 2 has no previous link");
    assert.equal(new URL(second.previous).searchParams.get("search"), prefix);
    assert.deepEqual(new Set([...first.results, ...second.results].map((user) => user.id)), ids);
    assert.deepEqual(await follow(second.previous), first);
    assert.deepEqual(await listUsers(`${query}&page=2`), second);

    for (const page of [99, 3]) {
      const response = await staff.get(`/api/admin/users${query}&page=${page}`);
      assert.equal(response.status, 404, response.text);
      assert.deepEqual(response.json, { detail: "Invalid page." });
    }
  });

  it("answers 404 Invalid page. to a page number that is not a positive integer, as DRF does", async () => {
    for (const page of ["0", "-1", "abc", "1.5"]) {
      const response = await staff.get(`/api/admin/users?page=${page}`);
      assert.equal(response.status, 404, `page=${page}: ${response.text}`);
      assert.deepEqual(response.json, { detail: "Invalid page." });
    }
  });

  it("builds the next and previous links on the host the client called, as DRF does", async () => {
    for (let index = 0; index < PAGE_SIZE + 1; index += 1) await registerAccount(client(server.url));
    const called = new URL(server.url);
    const first = await listUsers();
    assert.ok(first.next);
    assert.equal(new URL(first.next).host, called.host, `next link ${first.next} for a request to ${called.host}`);
    const second = await follow(first.next);
    assert.ok(second.previous);
    assert.equal(
      new URL(second.previous).host,
      called.host,
      `previous link ${second.previous} for a request to ${called.host}`,
    );
  });

  it("finds users by part of the username, in any case", async () => {
    const marker = uniqueName("Needle");
    const wanted = await registerAccount(client(server.url), { username: `hay${marker}stack` });
    await registerAccount(client(server.url), { username: uniqueName("other") });
    for (const term of [marker, marker.toUpperCase(), marker.toLowerCase(), `Y${marker.slice(0, 6)}`.toLowerCase()]) {
      const page = await listUsers(`?search=${encodeURIComponent(term)}`);
      assert.deepEqual(
        page.results.map((user) => user.id),
        [wanted.user.id],
        `search ${term}`,
      );
      assert.equal(page.count, 1);
    }
  });

  it("finds users by part of the e-mail address, in any case", async () => {
    const local = uniqueName("Mailbox");
    const wanted = await registerAccount(client(server.url), { email: `${local}@Search.Example.org` });
    for (const term of [local, local.toUpperCase(), `${local}@search.example`, "SEARCH.EXAMPLE.ORG"]) {
      const page = await listUsers(`?search=${encodeURIComponent(term)}`);
      assert.deepEqual(
        page.results.map((user) => user.id),
        [wanted.user.id],
        `search ${term}`,
      );
    }
  });

  it("searches for % and _ as characters, not as SQL wildcards", async () => {
    const underscored = await registerAccount(client(server.url), { username: `under_${uniqueName("score")}` });
    const percent = await listUsers(`?search=${encodeURIComponent("%")}`);
    assert.equal(percent.count, 0, `"%" found ${percent.results.map((user) => user.username).join(", ")}`);
    const underscore = await listUsers(`?search=${encodeURIComponent("_")}`);
    for (const user of underscore.results)
      assert.ok(`${user.username} ${user.email}`.includes("_"), `"_" found ${user.username} <${user.email}>`);
    assert.ok(underscore.results.some((user) => user.id === underscored.user.id));
  });

  it("finds nobody for a term nobody has: an empty first page", async () => {
    const page = await listUsers(`?search=${uniqueName("nobody")}`);
    assert.deepEqual(page, { count: 0, next: null, previous: null, results: [] });
  });

  it("shows no password hash", async () => {
    const response = await staff.get("/api/admin/users");
    assert.equal(response.status, 200);
    assert.ok(!response.text.includes("bcrypt"), "a password hash was listed");
    assert.ok(!/"password"/.test(response.text));
  });
});

describe("GET /api/admin/users/{id}", () => {
  it("shows the user with is_active, their sessions and their tokens, without keys or hashes", async () => {
    const laptop = client(server.url);
    const { username, password, user } = await registerAccount(laptop);
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
    const token = await createToken(laptop, { name: "listed" });

    const response = await staff.get(`/api/admin/users/${user.id}`);
    assert.equal(response.status, 200, response.text);
    const detail = response.json as ManagedUser & {
      sessions: Array<Record<string, unknown>>;
      tokens: Array<Record<string, unknown>>;
    };
    assert.deepEqual(Object.keys(detail).sort(), [...GRANTED_USER_KEYS, "sessions", "tokens"].sort());
    assert.equal(detail.id, user.id);
    assert.equal(detail.is_active, true);
    assert.equal(detail.sessions.length, 2);
    for (const session of detail.sessions)
      assert.deepEqual(Object.keys(session).sort(), ["created", "current", "id", "last_used", "user_agent"]);
    assert.deepEqual(
      detail.tokens.map((item) => item.id),
      [token.id],
    );
    assert.deepEqual(Object.keys(detail.tokens[0]).sort(), ["created", "id", "last_used", "name", "permissions"]);

    const stored = withDb(server.databasePath, (database) => ({
      keys: database
        .all<{ keyHash: string }>(`SELECT keyHash FROM "ApiToken" WHERE userId = ?`, user.id)
        .map((row) => row.keyHash),
      sessions: database
        .all<{ sessionToken: string }>(`SELECT sessionToken FROM "Session" WHERE userId = ?`, user.id)
        .map((row) => row.sessionToken),
      password: database.get<{ password: string }>(`SELECT password FROM "User" WHERE id = ?`, user.id)?.password ?? "",
    }));
    for (const secret of [token.key, ...stored.keys, ...stored.sessions, stored.password, laptop.cookie() ?? ""]) {
      assert.ok(secret && !response.text.includes(secret), "the detail carries a key, a hash or a cookie");
    }
    assert.ok(!response.text.includes("vst_"));
  });

  it("answers 404 to an id that names no user", async () => {
    const response = await staff.get("/api/admin/users/no-such-user");
    assert.equal(response.status, 404, response.text);
    assert.deepEqual(response.json, { detail: "Not found." });
  });

  it("answers 403 to a user who is not staff", async () => {
    const { user } = await registerAccount(client(server.url));
    const response = await member.get(`/api/admin/users/${user.id}`);
    assert.equal(response.status, 403, response.text);
    assert.deepEqual(response.json, PERMISSION_DENIED);
  });
});

describe("PATCH /api/admin/users/{id}", () => {
  let target: Account;
  let targetBrowser: Client;

  before(async () => {
    targetBrowser = client(server.url);
    target = await registerAccount(targetBrowser, { username: uniqueName("target") });
  });

  it("deactivates: 200 with is_active false, the session is anonymous at once, the token 401, and logging in fails", async () => {
    const token = await createToken(targetBrowser);
    const phone = client(server.url);
    assert.equal((await logIn(phone, target.username, target.password)).status, 200);
    const copied = targetBrowser.cookie();
    assert.ok(copied);

    const response = await patchUser(target.user.id, { is_active: false });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(Object.keys(response.json as object).sort(), GRANTED_USER_KEYS);
    assert.deepEqual(response.json, {
      ...target.user,
      last_login: (response.json as { last_login: string }).last_login,
      is_active: false,
      groups: [],
      user_permissions: [],
    });
    assert.equal(flagsOf(target.user.id)?.isActive, 0);

    await assertAnonymous(targetBrowser);
    await assertAnonymous(phone);
    const withToken = await client(server.url).get("/api/me", { headers: tokenHeader(token.key) });
    assert.equal(withToken.status, 401, withToken.text);
    const login = await logIn(client(server.url), target.username, target.password);
    assert.equal(login.status, 400, login.text);
    assert.deepEqual(login.json, INVALID_LOGIN);
    assert.equal(
      withDb(server.databasePath, (database) => database.count("Session", "userId = ?", target.user.id)),
      0,
    );
    assert.ok(eventsOf(target.user.id).includes("user_deactivated"));
    const listed = (await listUsers(`?search=${target.username}`)).results;
    assert.deepEqual(
      listed.map((user) => [user.id, user.is_active]),
      [[target.user.id, false]],
    );
  });

  it("reactivates: 200 with is_active true, and the user can log in again (old sessions stay ended)", async () => {
    const copied = targetBrowser.cookie();
    const response = await patchUser(target.user.id, { is_active: true });
    assert.equal(response.status, 200, response.text);
    assert.equal((response.json as ManagedUser).is_active, true);
    assert.equal(flagsOf(target.user.id)?.isActive, 1);
    assert.ok(eventsOf(target.user.id).includes("user_activated"));

    if (copied) {
      const replay = client(server.url);
      replay.setCookie("vestibule.session", copied);
      await assertAnonymous(replay);
    }
    const login = await logIn(targetBrowser, target.username, target.password);
    assert.equal(login.status, 200, login.text);
    assert.equal((await sessionOf(targetBrowser)).user?.id, target.user.id);
  });

  it("grants staff (a superuser): 200 with is_staff true, and the user can now list users; revoking takes it away", async () => {
    assert.equal((await targetBrowser.get("/api/admin/users")).status, 403);
    const granted = await patchUser(target.user.id, { is_staff: true }, superuser);
    assert.equal(granted.status, 200, granted.text);
    assert.equal((granted.json as ManagedUser).is_staff, true);
    assert.equal(flagsOf(target.user.id)?.isStaff, 1);
    await listUsers("", targetBrowser);
    assert.equal((await sessionOf(targetBrowser)).user?.is_staff, true);

    const revoked = await patchUser(target.user.id, { is_staff: false }, superuser);
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal((revoked.json as ManagedUser).is_staff, false);
    const refused = await targetBrowser.get("/api/admin/users");
    assert.equal(refused.status, 403, refused.text);
    const events = eventsOf(target.user.id);
    assert.ok(events.includes("staff_granted") && events.includes("staff_revoked"), events.join(", "));
  });

  it("records each change in the audit trail, in order", () => {
    const events = eventsOf(target.user.id).filter((event) => event.startsWith("user_") || event.startsWith("staff_"));
    assert.deepEqual(events, ["user_deactivated", "user_activated", "staff_granted", "staff_revoked"]);
  });

  it("shows the changes in the user's own events as by staff, without the staff member's address or browser", async () => {
    const response = await targetBrowser.get("/api/events");
    assert.equal(response.status, 200, response.text);
    const events = (response.json as Array<{ event: string; ip: string; user_agent: string }>).filter(
      ({ event }) => event.startsWith("user_") || event.startsWith("staff_"),
    );
    assert.equal(events.length, 4, response.text);
    for (const event of events)
      assert.deepEqual({ ip: event.ip, user_agent: event.user_agent }, { ip: "", user_agent: "staff" }, event.event);
  });

  it("answers 404 to an id that names no user", async () => {
    const response = await patchUser("no-such-user", { is_active: false });
    assert.equal(response.status, 404, response.text);
    assert.deepEqual(response.json, { detail: "Not found." });
  });

  it("answers 403 to a user who is not staff, and changes nothing", async () => {
    const victim = client(server.url);
    const { user } = await registerAccount(victim);
    const before = flagsOf(user.id);
    for (const body of [{ is_active: false }, { is_staff: true }]) {
      const response = await patchUser(user.id, body, member);
      assert.equal(response.status, 403, response.text);
      assert.deepEqual(response.json, PERMISSION_DENIED);
    }
    const selfPromotion = await patchUser((await sessionOf(member)).user?.id ?? "", { is_staff: true }, member);
    assert.equal(selfPromotion.status, 403, selfPromotion.text);
    assert.deepEqual(flagsOf(user.id), before);
    assert.equal((await sessionOf(victim)).user?.id, user.id);
    assert.equal((await sessionOf(member)).user?.is_staff, false);
    assert.deepEqual(
      eventsOf(user.id).filter((event) => event.startsWith("user_") || event.startsWith("staff_")),
      [],
    );
  });

  it("answers 401 to an anonymous client, and changes nothing", async () => {
    const { user } = await registerAccount(client(server.url));
    assertUnauthorized(await patchUser(user.id, { is_active: false }, client(server.url)), NOT_AUTHENTICATED);
    assert.equal(flagsOf(user.id)?.isActive, 1);
  });

  it("answers 400 to a value that is not a boolean, and changes nothing", async () => {
    const { user } = await registerAccount(client(server.url));
    const response = await patchUser(user.id, { is_active: "maybe" });
    assert.equal(response.status, 400, response.text);
    assert.deepEqual(response.json, { is_active: ["Must be a valid boolean."] });
    assert.equal(flagsOf(user.id)?.isActive, 1);
  });
});

describe("Staff rules for PATCH /api/admin/users/{id}", () => {
  const staffRoles = { staff: () => staff, superuser: () => superuser };

  async function idOf(as: Client): Promise<string> {
    return (await sessionOf(as)).user?.id ?? "";
  }

  /** A 403 with the permission message, and no change to the target's flags or events. */
  async function assertRefused(id: string, body: Record<string, unknown>, as: Client): Promise<void> {
    const flags = flagsOf(id);
    const events = eventsOf(id);
    const response = await patchUser(id, body, as);
    assert.equal(response.status, 403, `${JSON.stringify(body)}: ${response.text}`);
    assert.deepEqual(response.json, PERMISSION_DENIED);
    assert.deepEqual(flagsOf(id), flags);
    assert.deepEqual(eventsOf(id), events);
  }

  async function newStaffMember(superuserToo = false): Promise<Client> {
    const browser = client(server.url);
    const { user } = await registerAccount(browser, { username: uniqueName(superuserToo ? "root" : "staff") });
    setFlag(user.id, "isStaff", 1);
    if (superuserToo) setFlag(user.id, "isSuperuser", 1);
    return browser;
  }

  it("lets only a superuser change is_staff: a staff member may neither grant nor revoke it", async () => {
    const { user } = await registerAccount(client(server.url));
    await assertRefused(user.id, { is_staff: true }, staff);
    await assertRefused(user.id, { is_staff: true, is_active: true }, staff);
    const other = await idOf(await newStaffMember());
    await assertRefused(other, { is_staff: false }, staff);
  });

  it("keeps a staff member off another staff member's and a superuser's account", async () => {
    const peer = await newStaffMember();
    await assertRefused(await idOf(peer), { is_active: false }, staff);
    await assertRefused(await idOf(superuser), { is_active: false }, staff);
    await assertRefused(await idOf(superuser), { is_staff: false }, staff);
    assert.equal((await sessionOf(superuser)).user?.is_staff, true);
    assert.equal((await sessionOf(peer)).user?.is_staff, true);
  });

  for (const [role, caller] of Object.entries(staffRoles)) {
    it(`lets nobody deactivate or demote themselves (${role})`, async () => {
      const self = await idOf(caller());
      await assertRefused(self, { is_active: false }, caller());
      await assertRefused(self, { is_staff: false }, caller());
      assert.equal((await sessionOf(caller())).user?.is_staff, true);
    });
  }

  it("lets a staff member still act on an account that is not staff, and on their own without a change", async () => {
    const { user } = await registerAccount(client(server.url));
    assert.equal((await patchUser(user.id, { is_active: false })).status, 200);
    assert.equal((await patchUser(user.id, { is_active: true, is_staff: false })).status, 200);
    assert.equal((await patchUser(await idOf(staff), { is_active: true, is_staff: true })).status, 200);
  });

  it("lets a superuser deactivate and demote another staff member and another superuser", async () => {
    const peer = await newStaffMember();
    const peerId = await idOf(peer);
    const otherRoot = await newStaffMember(true);
    const otherRootId = await idOf(otherRoot);
    for (const [id, body] of [
      [peerId, { is_staff: false }],
      [peerId, { is_active: false }],
      [otherRootId, { is_active: false }],
    ] as const) {
      const response = await patchUser(id, body, superuser);
      assert.equal(response.status, 200, response.text);
    }
    assert.deepEqual(flagsOf(peerId), { isStaff: 0, isActive: 0 });
    assert.deepEqual(flagsOf(otherRootId), { isStaff: 1, isActive: 0 });
  });
});

it("leaks no password, hash, session cookie or API key", () => {
  assertNoSecretsLeaked(server);
});
