// Permissions and groups (docs/API.md): the catalogue, groups, a user's grants, no escalation,
// token scopes, and a change that takes effect at the next request on every instance. Two
// instances on one database (a shared SQLite file, or PostgreSQL under test:postgres).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { registerAccount, uniqueName, type Account } from "../support/accounts";
import { client, type ApiResponse, type Client } from "../support/client";
import { withDb } from "../support/db";
import { createToken, NOT_AUTHENTICATED, PERMISSION_DENIED, tokenHeader } from "../support/extra-auth";
import { assertNoSecretsLeaked } from "../support/secrets";
import { sharedDatabase, startServer, type TestServer } from "../support/server";

const BUILT_IN = [
  "auth.add_group",
  "auth.change_group",
  "auth.change_user",
  "auth.delete_group",
  "auth.view_authevent",
  "auth.view_group",
  "auth.view_user",
];
const APP = ["notes.add_note", "notes.change_note", "notes.delete_note", "notes.view_note"];
const CATALOGUE = [...BUILT_IN, ...APP].sort();

let database: ReturnType<typeof sharedDatabase>;
let a: TestServer;
let b: TestServer;
/** A superuser, on instance A. */
let root: Client;

type Group = { id: string; name: string; permissions: string[] };

before(async () => {
  database = sharedDatabase();
  const env = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
  };
  a = await startServer(env, { databaseUrl: database.databaseUrl });
  b = await startServer(env, { databaseUrl: database.databaseUrl });
  root = client(a.url);
  const { user } = await registerAccount(root, { username: uniqueName("root") });
  setFlags(user.id, { isStaff: 1, isSuperuser: 1 });
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  database?.drop();
});

function setFlags(id: string, flags: Record<string, 0 | 1>): void {
  withDb(
    a.databasePath,
    (db) => {
      for (const [column, value] of Object.entries(flags))
        db.run(`UPDATE "User" SET "${column}" = ? WHERE "id" = ?`, value, id);
    },
    { writable: true },
  );
}

async function member(server: TestServer = a, prefix = "member"): Promise<Account & { browser: Client }> {
  const browser = client(server.url);
  const account = await registerAccount(browser, { username: uniqueName(prefix) });
  return { ...account, browser };
}

/** A staff member (not a superuser). */
async function staffMember(): Promise<Account & { browser: Client }> {
  const account = await member(a, "staff");
  setFlags(account.user.id, { isStaff: 1 });
  return account;
}

async function createGroup(as: Client, name: string, permissions: string[]): Promise<Group> {
  const response = await as.post("/api/groups", { name, permissions });
  assert.equal(response.status, 201, response.text);
  return response.json as Group;
}

function grant(as: Client, userId: string, change: Record<string, unknown>): Promise<ApiResponse> {
  return as.request("PATCH", `/api/admin/users/${userId}`, change);
}

async function myPermissions(as: Client, headers?: Record<string, string>) {
  const response = await as.get("/api/me/permissions", { headers });
  assert.equal(response.status, 200, response.text);
  return response.json as { permissions: string[]; groups: string[] };
}

describe("The catalogue", () => {
  it("lists the built-in and the application's permissions, sorted, to anyone signed in", async () => {
    const { browser } = await member();
    const response = await browser.get("/api/permissions");
    assert.equal(response.status, 200, response.text);
    const list = response.json as Array<{ codename: string; name: string }>;
    assert.deepEqual(
      list.map((permission) => permission.codename),
      CATALOGUE,
    );
    for (const permission of list) assert.deepEqual(Object.keys(permission).sort(), ["codename", "name"]);
    assert.deepEqual(list.find((permission) => permission.codename === "notes.add_note")?.name, "Can add note");
  });

  it("answers 401 to the anonymous", async () => {
    const response = await client(a.url).get("/api/permissions");
    assert.equal(response.status, 401);
    assert.deepEqual(response.json, NOT_AUTHENTICATED);
  });

  it("is in the database after the start, for groups and grants to refer to", () => {
    const rows = withDb(a.databasePath, (db) => db.all<{ codename: string }>(`SELECT "codename" FROM "Permission"`));
    assert.deepEqual(rows.map((row) => row.codename).sort(), CATALOGUE);
  });

  it("gives a superuser every permission and a new user none", async () => {
    assert.deepEqual(await myPermissions(root), { permissions: CATALOGUE, groups: [] });
    const { browser } = await member();
    assert.deepEqual(await myPermissions(browser), { permissions: [], groups: [] });
  });
});

describe("Groups", () => {
  it("are created, listed, read, changed and deleted by a superuser", async () => {
    const name = uniqueName("editors");
    const created = await createGroup(root, name, ["notes.change_note", "notes.add_note", "notes.add_note"]);
    assert.deepEqual(Object.keys(created).sort(), ["id", "name", "permissions"]);
    assert.deepEqual(created.permissions, ["notes.add_note", "notes.change_note"]);

    const listed = await root.get("/api/groups");
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      (listed.json as Group[]).find((group) => group.id === created.id),
      created,
    );
    assert.deepEqual((await root.get(`/api/groups/${created.id}`)).json, created);

    const renamed = `${name}-2`;
    const changed = await root.request("PATCH", `/api/groups/${created.id}`, {
      name: renamed,
      permissions: ["notes.view_note"],
    });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.json, { id: created.id, name: renamed, permissions: ["notes.view_note"] });

    assert.equal((await root.request("DELETE", `/api/groups/${created.id}`)).status, 204);
    const gone = await root.get(`/api/groups/${created.id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.json, { detail: "Not found." });
    assert.equal((await root.request("DELETE", `/api/groups/${created.id}`)).status, 404);
  });

  it("refuse a name that is taken, an unknown codename and a permissions value that is not a list", async () => {
    const name = uniqueName("taken");
    await createGroup(root, name, []);
    const taken = await root.post("/api/groups", { name, permissions: [] });
    assert.equal(taken.status, 400);
    assert.deepEqual(taken.json, { name: ["group with this name already exists."] });
    const unknown = await root.post("/api/groups", { name: uniqueName("g"), permissions: ["notes.fly_note"] });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json, { permissions: ["Object with codename=notes.fly_note does not exist."] });
    const notList = await root.post("/api/groups", { name: uniqueName("g"), permissions: "notes.add_note" });
    assert.equal(notList.status, 400);
    assert.deepEqual(notList.json, { permissions: ['Expected a list of items but got type "str".'] });
    const blank = await root.post("/api/groups", { name: " ", permissions: [] });
    assert.equal(blank.status, 400);
    assert.deepEqual(blank.json, { name: ["This field may not be blank."] });
  });

  it("answer 401 to the anonymous and 403 to a user without the permission, before a body is read", async () => {
    const { browser } = await member();
    assert.deepEqual((await client(a.url).get("/api/groups")).json, NOT_AUTHENTICATED);
    const listed = await browser.get("/api/groups");
    assert.equal(listed.status, 403);
    assert.deepEqual(listed.json, PERMISSION_DENIED);
    const created = await browser.post("/api/groups", { name: uniqueName("g"), permissions: "not a list" });
    assert.equal(created.status, 403);
    assert.equal((await browser.request("DELETE", "/api/groups/nonexistent")).status, 403);
  });

  it("are audited in the actor's events", async () => {
    const before = withDb(a.databasePath, (db) => db.count("AuthEvent", `"event" = 'group_created'`));
    await createGroup(root, uniqueName("audited"), []);
    const events = (await root.get("/api/events")).json as Array<{ event: string }>;
    assert.equal(events[0].event, "group_created");
    assert.equal(
      withDb(a.databasePath, (db) => db.count("AuthEvent", `"event" = 'group_created'`)),
      before + 1,
    );
  });
});

describe("A user's groups and permissions (PATCH /api/admin/users/{id})", () => {
  it("are set by a superuser, shown in the answer, the detail, /api/me/permissions and the export", async () => {
    const group = await createGroup(root, uniqueName("readers"), ["notes.view_note", "auth.view_group"]);
    const someone = await member();
    const response = await grant(root, someone.user.id, {
      groups: [group.name],
      user_permissions: ["notes.add_note"],
    });
    assert.equal(response.status, 200, response.text);
    const answer = response.json as { groups: string[]; user_permissions: string[] };
    assert.deepEqual([answer.groups, answer.user_permissions], [[group.name], ["notes.add_note"]]);
    const detail = (await root.get(`/api/admin/users/${someone.user.id}`)).json as typeof answer;
    assert.deepEqual([detail.groups, detail.user_permissions], [[group.name], ["notes.add_note"]]);
    assert.deepEqual(await myPermissions(someone.browser), {
      permissions: ["auth.view_group", "notes.add_note", "notes.view_note"],
      groups: [group.name],
    });
    const exported = (await someone.browser.get("/api/me/export")).json as { user: typeof answer };
    assert.deepEqual([exported.user.groups, exported.user.user_permissions], [[group.name], ["notes.add_note"]]);
    const events = (await someone.browser.get("/api/events")).json as Array<{ event: string; user_agent: string }>;
    assert.deepEqual(events[0], { ...events[0], event: "permissions_changed", user_agent: "staff" });

    const cleared = await grant(root, someone.user.id, { groups: [], user_permissions: [] });
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual(await myPermissions(someone.browser), { permissions: [], groups: [] });
    const row = withDb(a.databasePath, (db) =>
      db.get<{ hasGrants: number | boolean }>(`SELECT "hasGrants" FROM "User" WHERE "id" = ?`, someone.user.id),
    );
    assert.equal(Number(row?.hasGrants), 0, "no grants left: no permission query for this user");
  });

  it("refuse an unknown group or codename, and write nothing", async () => {
    const someone = await member();
    const group = uniqueName("nosuch");
    const unknownGroup = await grant(root, someone.user.id, { groups: [group], is_active: false });
    assert.equal(unknownGroup.status, 400);
    assert.deepEqual(unknownGroup.json, { groups: [`Object with name=${group} does not exist.`] });
    const unknownCodename = await grant(root, someone.user.id, { user_permissions: ["auth.fly"] });
    assert.equal(unknownCodename.status, 400);
    assert.deepEqual(unknownCodename.json, { user_permissions: ["Object with codename=auth.fly does not exist."] });
    assert.equal((await someone.browser.get("/api/me")).status, 200, "the user is still active");
  });
});

describe("No escalation", () => {
  it("lets staff grant only what they hold, never to themselves", async () => {
    const staff = await staffMember();
    const powers = await createGroup(root, uniqueName("group-admins"), [
      "auth.add_group",
      "auth.view_group",
      "notes.view_note",
    ]);
    assert.equal((await grant(root, staff.user.id, { groups: [powers.name] })).status, 200);

    const own = await grant(staff.browser, staff.user.id, { user_permissions: ["notes.view_note"] });
    assert.equal(own.status, 403, own.text);
    assert.deepEqual(own.json, PERMISSION_DENIED);

    const target = await member();
    const notHeld = await grant(staff.browser, target.user.id, { user_permissions: ["auth.change_user"] });
    assert.equal(notHeld.status, 403, notHeld.text);
    const strongGroup = await createGroup(root, uniqueName("strong"), ["auth.delete_group"]);
    assert.equal((await grant(staff.browser, target.user.id, { groups: [strongGroup.name] })).status, 403);
    assert.deepEqual(await myPermissions(target.browser), { permissions: [], groups: [] });

    const held = await grant(staff.browser, target.user.id, { user_permissions: ["notes.view_note"] });
    assert.equal(held.status, 200, held.text);
    assert.deepEqual((await myPermissions(target.browser)).permissions, ["notes.view_note"]);

    const escalatingGroup = await staff.browser.post("/api/groups", {
      name: uniqueName("escalate"),
      permissions: ["auth.change_user"],
    });
    assert.equal(escalatingGroup.status, 403, escalatingGroup.text);
    assert.deepEqual(escalatingGroup.json, PERMISSION_DENIED);
    const fine = await staff.browser.post("/api/groups", {
      name: uniqueName("fine"),
      permissions: ["notes.view_note"],
    });
    assert.equal(fine.status, 201, fine.text);
  });
});

describe("At once, on every instance", () => {
  it("gives a permission granted on one instance at the next request on the other, and takes it back", async () => {
    const someone = await member(b);
    assert.equal((await someone.browser.get("/api/groups")).status, 403);
    assert.equal((await grant(root, someone.user.id, { user_permissions: ["auth.view_group"] })).status, 200);
    assert.equal((await someone.browser.get("/api/groups")).status, 200);
    assert.equal((await grant(root, someone.user.id, { user_permissions: [] })).status, 200);
    assert.equal((await someone.browser.get("/api/groups")).status, 403);
  });

  it("changes a group's members with the group", async () => {
    const group = await createGroup(root, uniqueName("moving"), []);
    const someone = await member(b);
    assert.equal((await grant(root, someone.user.id, { groups: [group.name] })).status, 200);
    assert.equal((await someone.browser.get("/api/groups")).status, 403);
    const patched = await root.request("PATCH", `/api/groups/${group.id}`, { permissions: ["auth.view_group"] });
    assert.equal(patched.status, 200, patched.text);
    assert.equal((await someone.browser.get("/api/groups")).status, 200);
    assert.equal((await root.request("DELETE", `/api/groups/${group.id}`)).status, 204);
    assert.equal((await someone.browser.get("/api/groups")).status, 403);
    assert.deepEqual(await myPermissions(someone.browser), { permissions: [], groups: [] });
  });
});

describe("Token scopes", () => {
  it("act with the intersection of the scope and the user's current permissions", async () => {
    const someone = await member();
    const granted = await grant(root, someone.user.id, { user_permissions: ["auth.view_group", "notes.view_note"] });
    assert.equal(granted.status, 200, granted.text);
    const scoped = await createToken(someone.browser, { name: "reader", permissions: ["auth.view_group"] });
    assert.deepEqual((scoped as unknown as { permissions: string[] }).permissions, ["auth.view_group"]);
    const full = await createToken(someone.browser, { name: "all", permissions: null });
    const listed = (await someone.browser.get("/api/tokens")).json as Array<{ id: string; permissions: unknown }>;
    assert.deepEqual(listed.find((token) => token.id === scoped.id)?.permissions, ["auth.view_group"]);
    assert.equal(listed.find((token) => token.id === full.id)?.permissions, null);

    const script = client(b.url);
    assert.deepEqual(await myPermissions(script, tokenHeader(scoped.key)), {
      permissions: ["auth.view_group"],
      groups: [],
    });
    assert.deepEqual((await myPermissions(script, tokenHeader(full.key))).permissions, [
      "auth.view_group",
      "notes.view_note",
    ]);
    assert.equal((await script.get("/api/groups", { headers: tokenHeader(scoped.key) })).status, 200);

    assert.equal((await grant(root, someone.user.id, { user_permissions: ["notes.view_note"] })).status, 200);
    assert.deepEqual((await myPermissions(script, tokenHeader(scoped.key))).permissions, []);
    assert.equal((await script.get("/api/groups", { headers: tokenHeader(scoped.key) })).status, 403);
  });

  it("scope a superuser's token too", async () => {
    const token = await createToken(root, { permissions: ["notes.view_note"] });
    assert.deepEqual((await myPermissions(client(a.url), tokenHeader(token.key))).permissions, ["notes.view_note"]);
    assert.equal((await client(a.url).get("/api/groups", { headers: tokenHeader(token.key) })).status, 403);
  });

  it("refuse a permission the caller does not hold, and one that does not exist", async () => {
    const { browser } = await member();
    const notHeld = await browser.post("/api/tokens", { permissions: ["auth.view_user"] });
    assert.equal(notHeld.status, 400);
    assert.deepEqual(notHeld.json, { permissions: ["You do not have the permission auth.view_user."] });
    const unknown = await browser.post("/api/tokens", { permissions: ["auth.fly"] });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json, { permissions: ["Object with codename=auth.fly does not exist."] });
    const russian = await browser.post(
      "/api/tokens",
      { permissions: ["auth.view_user"] },
      {
        headers: { "accept-language": "ru" },
      },
    );
    assert.deepEqual(russian.json, { permissions: ["У вас нет права auth.view_user."] });
  });
});

describe("The servers' output", () => {
  it("holds no secret", () => {
    assertNoSecretsLeaked(a);
    assertNoSecretsLeaked(b);
  });
});
