// `npm run manage`: each test runs the real CLI (tsx, as package.json does) against its own
// SQLite file, and reads the result straight from the database.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { withDb } from "../support/db";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-cli-"));

const CREATED = "Superuser created successfully.\n";
const TAKEN = "username: A user with that username already exists.";
const TOO_COMMON = "password: This password is too common.";
const TOO_SHORT = "password: This password is too short. It must contain at least 8 characters.";
const NUMERIC = "password: This password is entirely numeric.";

const ALICE_PASSWORD = "Tangerine-Kite-42";
const BOB_PASSWORD = "Marble-Otter-913";
const CAROL_PASSWORD = "Copper-Falcon-58";
const NEW_PASSWORD = "Velvet-Harbor-26";
const PIPED_PASSWORD = "Zebra-Lamp-77";
const OTHER_PASSWORD = "Zebra-Lamp-78";
const WEAK_PASSWORDS = { common: "qwertyuiop", short: "Xq7#p", numeric: "73920584616" };
// Whatever the command, none of these may appear in its output.
const PASSWORDS = [
  ALICE_PASSWORD,
  BOB_PASSWORD,
  CAROL_PASSWORD,
  NEW_PASSWORD,
  PIPED_PASSWORD,
  OTHER_PASSWORD,
  ...Object.values(WEAK_PASSWORDS),
];

type Run = { status: number | null; stdout: string; stderr: string };

// The caller's environment, minus what would change the CLI's behaviour.
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
for (const name of Object.keys(baseEnv)) {
  if (name === "DATABASE_URL" || name === "LOG_LEVEL" || name.startsWith("VESTIBULE_SUPERUSER_")) delete baseEnv[name];
}

function freshDatabase(): string {
  return path.join(scratch, `${randomUUID()}.db`);
}

/** Runs the CLI; stdin is `input` (empty by default: a script, not a terminal). */
function manage(database: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(TSX, ["--conditions=react-server", "scripts/manage.ts", ...args], {
    cwd: ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 30_000,
    env: { ...baseEnv, DATABASE_URL: `file:${database}`, BCRYPT_ROUNDS: "4", ...options.env },
  });
  const output = `${result.stdout}${result.stderr}`;
  for (const password of PASSWORDS)
    assert.ok(!output.includes(password), `the output shows the password ${password}:\n${output}`);
  assert.ok(
    !output.includes("bcrypt_sha256$") && !output.includes("$2b$"),
    `the output shows a password hash:\n${output}`,
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The lines of stderr but the one-off note of a first run's migrations. */
function problems(run: Run): string[] {
  return run.stderr.split("\n").filter((line) => line && !line.startsWith("Applied migrations:"));
}

type UserRow = {
  id: string;
  username: string;
  usernameKey: string;
  email: string;
  isStaff: number;
  isSuperuser: number;
  isActive: number;
  password: string;
};

function user(database: string, key: string): UserRow | undefined {
  return withDb(database, (d) => d.get<UserRow>(`SELECT * FROM "User" WHERE usernameKey = ?`, key));
}

function userCount(database: string): number {
  return withDb(database, (d) => d.count("User"));
}

function assertSuperuser(row: UserRow | undefined, username: string, email: string, password: string): void {
  assert.ok(row, `no user ${username}`);
  assert.equal(row.username, username);
  assert.equal(row.usernameKey, username.toLowerCase());
  assert.equal(row.email, email);
  assert.deepEqual([row.isStaff, row.isSuperuser, row.isActive], [1, 1, 1]);
  assert.match(row.password, /^bcrypt_sha256\$\$2b\$04\$/);
  assert.ok(!row.password.includes(password));
}

after(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("createsuperuser", () => {
  const database = freshDatabase();

  it("creates a staff superuser from flags, on a database it migrates first", () => {
    const run = manage(database, [
      "createsuperuser",
      "--username",
      "Alice",
      "--email",
      "alice@Example.COM",
      "--password",
      ALICE_PASSWORD,
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, CREATED);
    assert.match(run.stderr, /^Applied migrations: 0001_init/);
    const alice = user(database, "alice");
    assertSuperuser(alice, "Alice", "alice@example.com", ALICE_PASSWORD);
    const events = withDb(database, (d) =>
      d.all<{ event: string; userAgent: string }>(
        `SELECT event, userAgent FROM "AuthEvent" WHERE userId = ?`,
        alice!.id,
      ),
    );
    assert.deepEqual(events, [{ event: "register", userAgent: "manage" }]);
  });

  it("takes username, email and password from VESTIBULE_SUPERUSER_* with --no-input", () => {
    const env = {
      VESTIBULE_SUPERUSER_USERNAME: "bob",
      VESTIBULE_SUPERUSER_EMAIL: "bob@example.com",
      VESTIBULE_SUPERUSER_PASSWORD: BOB_PASSWORD,
    };
    const run = manage(database, ["createsuperuser", "--no-input"], { env });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, CREATED);
    assertSuperuser(user(database, "bob"), "bob", "bob@example.com", BOB_PASSWORD);
  });

  it("asks for username, email and the password twice, answered on piped stdin", () => {
    const run = manage(database, ["createsuperuser"], {
      input: `Carol\ncarol@example.com\n${CAROL_PASSWORD}\n${CAROL_PASSWORD}\n`,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, CREATED);
    assert.deepEqual(problems(run), ["Username: ", "Email address: ", "Password: ", "Password (again): "]);
    assertSuperuser(user(database, "carol"), "Carol", "carol@example.com", CAROL_PASSWORD);
  });

  it("refuses a username that exists in another case", () => {
    const run = manage(database, ["createsuperuser", "--no-input", "--username", "ALICE", "--password", NEW_PASSWORD]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), [TAKEN]);
    assert.equal(run.stdout, "");
    assert.equal(userCount(database), 3);
  });

  for (const [kind, password, message] of [
    ["common", WEAK_PASSWORDS.common, TOO_COMMON],
    ["short", WEAK_PASSWORDS.short, TOO_SHORT],
    ["entirely numeric", WEAK_PASSWORDS.numeric, NUMERIC],
  ] as const) {
    it(`refuses a ${kind} password with Django's message and creates nothing`, () => {
      const run = manage(database, ["createsuperuser", "--no-input", "--username", "dora", "--password", password]);
      assert.equal(run.status, 1);
      assert.deepEqual(problems(run), [message]);
      assert.equal(user(database, "dora"), undefined);
    });
  }

  it("reports every problem of the input, one a line", () => {
    const run = manage(database, [
      "createsuperuser",
      "--no-input",
      "--username",
      "carol",
      "--email",
      "not-an-address",
      "--password",
      "dora1234",
    ]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), ["email: Enter a valid email address."]);
    const taken = manage(database, [
      "createsuperuser",
      "--no-input",
      "--username",
      "carol",
      "--password",
      WEAK_PASSWORDS.common,
    ]);
    assert.deepEqual(problems(taken), [TAKEN, TOO_COMMON]);
    assert.equal(userCount(database), 3);
  });

  it("refuses passwords that do not match, and an invalid username before asking for one", () => {
    const mismatch = manage(database, ["createsuperuser"], { input: `dora\n\n${PIPED_PASSWORD}\n${OTHER_PASSWORD}\n` });
    assert.equal(mismatch.status, 1);
    assert.equal(problems(mismatch).at(-1), "Error: Your passwords didn't match.");

    const invalid = manage(database, ["createsuperuser"], { input: "dora smith\n" });
    assert.equal(invalid.status, 1);
    assert.deepEqual(problems(invalid), [
      "Username: ",
      "username: Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
    ]);
    assert.equal(user(database, "dora"), undefined);
  });

  it("needs a username and a password with --no-input", () => {
    const run = manage(database, ["createsuperuser", "--no-input"]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), [
      "Error: You must use --username or set VESTIBULE_SUPERUSER_USERNAME with --no-input.",
      "Error: You must use --password or set VESTIBULE_SUPERUSER_PASSWORD with --no-input.",
    ]);
  });
});

describe("changepassword, createtoken, deactivate and activate", () => {
  const database = freshDatabase();
  let aliceId: string;
  let bobId: string;

  before(() => {
    const run = manage(database, [
      "createsuperuser",
      "--no-input",
      "--username",
      "Alice",
      "--password",
      ALICE_PASSWORD,
    ]);
    assert.equal(run.status, 0, run.stderr);
    aliceId = user(database, "alice")!.id;
    bobId = randomUUID();
    withDb(
      database,
      (d) =>
        d.run(
          `INSERT INTO "User" (id, username, usernameKey, password) VALUES (?, 'bob', 'bob', 'bcrypt_sha256$unused')`,
          bobId,
        ),
      { writable: true },
    );
  });

  /** Two sessions and an API token, written straight to the tables. */
  function signIn(userId: string): void {
    withDb(
      database,
      (d) => {
        for (let i = 0; i < 2; i += 1) {
          d.run(
            `INSERT INTO "Session" (id, sessionToken, userId, expires) VALUES (?, ?, ?, ?)`,
            randomUUID(),
            randomUUID(),
            userId,
            new Date(Date.now() + 86_400_000).toISOString(),
          );
        }
        d.run(`INSERT INTO "ApiToken" (id, userId, keyHash) VALUES (?, ?, ?)`, randomUUID(), userId, randomUUID());
      },
      { writable: true },
    );
  }

  function credentials(userId: string): { sessions: number; tokens: number } {
    return withDb(database, (d) => ({
      sessions: d.count("Session", "userId = ?", userId),
      tokens: d.count("ApiToken", "userId = ?", userId),
    }));
  }

  const passwordHash = () => user(database, "alice")!.password;

  it("changepassword stores a new hash and ends that user's sessions and tokens only", () => {
    signIn(aliceId);
    signIn(bobId);
    const before = passwordHash();
    const run = manage(database, ["changepassword", "ALICE", "--password", NEW_PASSWORD]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'Password changed successfully for user "Alice"; their sessions and API tokens have ended.\n',
    );
    assert.notEqual(passwordHash(), before);
    assert.match(passwordHash(), /^bcrypt_sha256\$\$2b\$04\$/);
    assert.deepEqual(credentials(aliceId), { sessions: 0, tokens: 0 });
    assert.deepEqual(credentials(bobId), { sessions: 2, tokens: 1 });
  });

  it("changepassword asks twice, answered on piped stdin", () => {
    const before = passwordHash();
    const run = manage(database, ["changepassword", "alice"], { input: `${PIPED_PASSWORD}\n${PIPED_PASSWORD}\n` });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(problems(run), ['Changing password for user "Alice"', "Password: ", "Password (again): "]);
    assert.notEqual(passwordHash(), before);
  });

  it("changepassword refuses a common password and keeps the old one", () => {
    const before = passwordHash();
    const run = manage(database, ["changepassword", "alice", "--password", WEAK_PASSWORDS.common]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), [TOO_COMMON]);
    assert.equal(passwordHash(), before);
  });

  it("changepassword refuses an unknown user", () => {
    const run = manage(database, ["changepassword", "nobody", "--password", NEW_PASSWORD]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), ['Error: no user named "nobody".']);
  });

  it("createtoken prints only a vst_ key, whose SHA-256 is what is stored", () => {
    const run = manage(database, ["createtoken", "alice", "--name", "ci", "--expires-in-days", "7"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^vst_[\w-]{43}\n$/);
    assert.match(run.stderr, /shown only this once/);
    const keyHash = createHash("sha256").update(run.stdout.trim()).digest("base64url");
    const row = withDb(database, (d) =>
      d.get<{ userId: string; name: string; expiresAt: unknown }>(
        `SELECT userId, name, expiresAt FROM "ApiToken" WHERE keyHash = ?`,
        keyHash,
      ),
    );
    assert.ok(row, "no token with the key's hash");
    assert.equal(row.userId, aliceId);
    assert.equal(row.name, "ci");
    assert.notEqual(row.expiresAt, null);
  });

  it("createtoken refuses an expiry out of range, with the API's message", () => {
    const run = manage(database, ["createtoken", "alice", "--expires-in-days", "0"]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), ["expires-in-days: Ensure this value is greater than or equal to 1."]);
    assert.equal(run.stdout, "");
  });

  it("deactivate refuses the last active superuser, and changes nothing", () => {
    const run = manage(database, ["deactivate", "alice"]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), [
      'User "Alice" is the last active superuser: create or activate another superuser first.',
    ]);
    assert.equal(user(database, "alice")!.isActive, 1);
  });

  it("deactivate clears isActive and ends the user's sessions and tokens", () => {
    // Another active superuser, so that Alice is not the last one.
    withDb(
      database,
      (d) =>
        d.run(
          `INSERT INTO "User" (id, username, usernameKey, password, isStaff, isSuperuser) VALUES (?, 'carol', 'carol', 'bcrypt_sha256$unused', 1, 1)`,
          randomUUID(),
        ),
      { writable: true },
    );
    signIn(aliceId);
    const run = manage(database, ["deactivate", "alice"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(user(database, "alice")!.isActive, 0);
    assert.deepEqual(credentials(aliceId), { sessions: 0, tokens: 0 });
    assert.deepEqual(credentials(bobId), { sessions: 2, tokens: 1 });
  });

  it("createtoken refuses an inactive user", () => {
    const run = manage(database, ["createtoken", "alice"]);
    assert.equal(run.status, 1);
    assert.deepEqual(problems(run), ['Error: user "Alice" is inactive; activate it first.']);
    assert.equal(run.stdout, "");
  });

  it("activate sets isActive again", () => {
    const run = manage(database, ["activate", "Alice"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'User "Alice" activated.\n');
    assert.equal(user(database, "alice")!.isActive, 1);
  });
});

describe("usage", () => {
  const database = freshDatabase();

  it("prints the usage on stderr and exits 2 for an unknown command", () => {
    const run = manage(database, ["createuser"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^Error: unknown command "createuser"\.\n\nUsage: npm run manage -- <command>/);
    assert.equal(run.stdout, "");
    assert.equal(fs.existsSync(database), false, "a typo created the database");
  });

  it("prints the usage on stderr and exits 2 without a command", () => {
    const run = manage(database, []);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^Usage: /);
  });

  it("prints the usage on stdout for --help", () => {
    const run = manage(database, ["changepassword", "--help"]);
    assert.equal(run.status, 0);
    for (const command of ["createsuperuser", "changepassword", "createtoken", "deactivate", "activate", "disable-mfa"])
      assert.match(run.stdout, new RegExp(`^  ${command} `, "m"));
  });

  it("exits 2 for a malformed command line, without echoing its arguments", () => {
    const missing = manage(database, ["deactivate"]);
    assert.equal(missing.status, 2);
    assert.deepEqual(problems(missing), [
      "Error: expected one username, got 0 arguments.",
      'Run "npm run manage -- --help" for usage.',
    ]);
    const stray = manage(database, ["createsuperuser", "--username", "erin", NEW_PASSWORD]);
    assert.equal(stray.status, 2);
    assert.deepEqual(problems(stray), [
      "Error: this command takes no arguments, got 1.",
      'Run "npm run manage -- --help" for usage.',
    ]);
  });
});

describe("disable-mfa", () => {
  const database = freshDatabase();

  it("turns a user's authenticator app and recovery codes off, and records mfa_disabled", () => {
    const created = manage(database, [
      "createsuperuser",
      "--no-input",
      "--username",
      "Dora",
      "--password",
      ALICE_PASSWORD,
    ]);
    assert.equal(created.status, 0, created.stderr);
    const id = user(database, "dora")!.id;
    withDb(
      database,
      (d) => {
        d.run(
          `INSERT INTO "TotpDevice" (userId, secret, confirmedAt) VALUES (?, 'v1.sealed', ?)`,
          id,
          new Date().toISOString(),
        );
        d.run(`INSERT INTO "RecoveryCode" (id, userId, codeHash) VALUES (?, ?, 'hash')`, randomUUID(), id);
      },
      { writable: true },
    );
    const run = manage(database, ["disable-mfa", "DORA"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'Two-factor authentication turned off for "Dora".\n');
    withDb(database, (d) => {
      assert.equal(d.count("TotpDevice", `userId = ?`, id), 0);
      assert.equal(d.count("RecoveryCode", `userId = ?`, id), 0);
      assert.equal(d.count("AuthEvent", `userId = ? AND event = 'mfa_disabled'`, id), 1);
    });
    const again = manage(database, ["disable-mfa", "dora"]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, 'User "Dora" had no two-factor authentication.\n');
  });

  it("refuses an unknown user", () => {
    const run = manage(database, ["disable-mfa", "nobody"]);
    assert.equal(run.status, 1);
  });
});

describe("creategroup, grant and revoke", () => {
  const database = freshDatabase();
  let daveId: string;

  before(() => {
    const run = manage(database, ["createsuperuser", "--no-input", "--username", "root", "--password", ALICE_PASSWORD]);
    assert.equal(run.status, 0, run.stderr);
    daveId = randomUUID();
    withDb(
      database,
      (d) =>
        d.run(
          `INSERT INTO "User" (id, username, usernameKey, password) VALUES (?, 'Dave', 'dave', 'bcrypt_sha256$unused')`,
          daveId,
        ),
      { writable: true },
    );
  });

  const grantsOf = (userId: string) =>
    withDb(database, (d) => ({
      groups: d
        .all<{ name: string }>(
          `SELECT g.name FROM "UserGroup" ug JOIN "Group" g ON g.id = ug.groupId WHERE ug.userId = ? ORDER BY g.name`,
          userId,
        )
        .map((row) => row.name),
      permissions: d
        .all<{ codename: string }>(`SELECT codename FROM "UserPermission" WHERE userId = ? ORDER BY codename`, userId)
        .map((row) => row.codename),
      hasGrants: d.get<{ hasGrants: number }>(`SELECT hasGrants FROM "User" WHERE id = ?`, userId)?.hasGrants,
    }));

  it("creategroup makes a group with its permissions, and refuses a taken name or an unknown codename", () => {
    const run = manage(database, [
      "creategroup",
      "editors",
      "--permission",
      "notes.change_note",
      "--permission",
      "notes.view_note",
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'Group "editors" created: notes.change_note, notes.view_note.\n');
    const taken = manage(database, ["creategroup", "editors"]);
    assert.equal(taken.status, 1);
    assert.deepEqual(problems(taken), ["name: group with this name already exists."]);
    const unknown = manage(database, ["creategroup", "fliers", "--permission", "notes.fly_note"]);
    assert.equal(unknown.status, 1);
    assert.deepEqual(problems(unknown), ["permissions: Object with codename=notes.fly_note does not exist."]);
    assert.equal(
      withDb(database, (d) => d.count("Group", "name = 'fliers'")),
      0,
    );
  });

  it("grant adds groups and permissions, revoke takes them away, and hasGrants follows", () => {
    const granted = manage(database, ["grant", "DAVE", "--group", "editors", "--permission", "auth.view_user"]);
    assert.equal(granted.status, 0, granted.stderr);
    assert.equal(granted.stdout, 'User "Dave": groups editors; permissions auth.view_user.\n');
    assert.deepEqual(grantsOf(daveId), { groups: ["editors"], permissions: ["auth.view_user"], hasGrants: 1 });
    assert.equal(
      withDb(database, (d) => d.count("AuthEvent", "userId = ? AND event = 'permissions_changed'", daveId)),
      1,
    );

    const revoked = manage(database, ["revoke", "dave", "--permission", "auth.view_user"]);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.deepEqual(grantsOf(daveId), { groups: ["editors"], permissions: [], hasGrants: 1 });
    assert.equal(manage(database, ["revoke", "dave", "--group", "editors"]).status, 0);
    assert.deepEqual(grantsOf(daveId), { groups: [], permissions: [], hasGrants: 0 });
  });

  it("grant refuses an unknown group or codename and changes nothing, and needs something to grant", () => {
    const unknown = manage(database, ["grant", "dave", "--group", "nobody", "--permission", "auth.view_user"]);
    assert.equal(unknown.status, 1);
    assert.deepEqual(problems(unknown), ["groups: Object with name=nobody does not exist."]);
    assert.deepEqual(grantsOf(daveId).permissions, []);
    const nothing = manage(database, ["grant", "dave"]);
    assert.equal(nothing.status, 2);
    const nobody = manage(database, ["revoke", "nosuchuser", "--group", "editors"]);
    assert.equal(nobody.status, 1);
    assert.deepEqual(problems(nobody), ['Error: no user named "nosuchuser".']);
  });
});
