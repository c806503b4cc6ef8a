import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertAnonymous,
  assertUserShape,
  logIn,
  registerAccount,
  sessionOf,
  strongPassword,
} from "../support/accounts";
import { client, setCookieLine, type Client } from "../support/client";
import { withDb } from "../support/db";
import { enableTotp, startLogin } from "../support/mfa";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { totp } from "../support/totp";

const INVALID_CODE = { code: ["Invalid code."] };
const INVALID_TICKET = { ticket: ["Invalid or expired ticket."] };

let server: TestServer;

before(async () => {
  // Many wrong codes on purpose: the throttle's own test below uses a second, strict server.
  server = await startServer({
    THROTTLE_LOGIN_USERNAME: "1000/15m",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_REGISTER: "1000/h",
  });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
});

async function events(browser: Client): Promise<string[]> {
  const response = await browser.get("/api/events");
  assert.equal(response.status, 200, response.text);
  return (response.json as Array<{ event: string }>).map((row) => row.event);
}

/** A registered user with TOTP on; `owner` is the browser that registered (still logged in). */
async function userWithTotp() {
  const owner = client(server.url);
  const account = await registerAccount(owner);
  const enabled = await enableTotp(owner, account.password);
  return { ...account, ...enabled, owner };
}

const sessionRows = () => withDb(server.databasePath, (database) => database.count("Session"));

describe("setting up an authenticator app", () => {
  it("asks for the password, gives a secret and an otpauth URI, and turns on with a first code", async () => {
    const browser = client(server.url);
    const { username, password } = await registerAccount(browser);
    const wrong = await browser.post("/api/mfa/totp", { password: "not-the-password" });
    assert.equal(wrong.status, 400, wrong.text);
    assert.deepEqual(wrong.json, { password: ["Your password was entered incorrectly. Please enter it again."] });

    const setup = await browser.post("/api/mfa/totp", { password });
    assert.equal(setup.status, 200, setup.text);
    const { secret, otpauth_uri } = setup.json as { secret: string; otpauth_uri: string };
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.ok(otpauth_uri.startsWith(`otpauth://totp/Vestibule:${username}?`), otpauth_uri);
    assert.equal(new URL(otpauth_uri).searchParams.get("secret"), secret);
    assert.deepEqual((await browser.get("/api/mfa")).json, { totp: false, recovery_codes_left: 0, passkeys: 0 });

    const badCode = await browser.post("/api/mfa/totp/confirm", {
      code: "000000" === totp(secret) ? "111111" : "000000",
    });
    assert.equal(badCode.status, 400);
    assert.deepEqual(badCode.json, INVALID_CODE);

    const confirmed = await browser.post("/api/mfa/totp/confirm", { code: totp(secret) });
    assert.equal(confirmed.status, 200, confirmed.text);
    const codes = (confirmed.json as { recovery_codes: string[] }).recovery_codes;
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.deepEqual((await browser.get("/api/mfa")).json, { totp: true, recovery_codes_left: 10, passkeys: 0 });
    const seen = await events(browser);
    assert.ok(seen.includes("mfa_enabled") && seen.includes("recovery_codes_generated"), seen.join());
  });

  it("stores the secret encrypted and the recovery codes only as hashes", async () => {
    const { user, secret, recoveryCodes } = await userWithTotp();
    const stored = withDb(server.databasePath, (database) => ({
      device: database.get<{ secret: string }>(`SELECT "secret" FROM "TotpDevice" WHERE "userId" = ?`, user.id),
      codes: database.all<{ codeHash: string }>(`SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = ?`, user.id),
    }));
    assert.ok(stored.device && !stored.device.secret.includes(secret));
    assert.equal(stored.codes.length, 10);
    for (const code of recoveryCodes)
      assert.ok(stored.codes.every((row) => !row.codeHash.includes(code.replace("-", ""))));
  });

  it("answers 400 to a confirmation when nothing is pending", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const response = await browser.post("/api/mfa/totp/confirm", { code: "123456" });
    assert.equal(response.status, 400, response.text);
  });
});

describe("logging in with a second factor", () => {
  it("answers the password with a ticket and no session, then logs in with a TOTP code", async () => {
    const { username, password, secret, user } = await userWithTotp();
    const browser = client(server.url);
    const rowsBefore = sessionRows();
    const response = await logIn(browser, username, password);
    assert.equal(response.status, 200, response.text);
    const body = response.json as { mfa_required: boolean; ticket: string; methods: string[] };
    assert.equal(body.mfa_required, true);
    assert.deepEqual(body.methods, ["totp", "recovery_code"]);
    assert.equal(setCookieLine(response), undefined, "a pending login set a session cookie");
    assert.equal(sessionRows(), rowsBefore, "a pending login wrote a session row");
    await assertAnonymous(browser);

    const wrong = await browser.post("/api/login/mfa", { ticket: body.ticket, code: totp(secret, -5) });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.json, INVALID_CODE);
    await assertAnonymous(browser);

    // The confirmation used this step's code; the next step's is within the drift window.
    const done = await browser.post("/api/login/mfa", { ticket: body.ticket, code: totp(secret, 1) });
    assert.equal(done.status, 200, done.text);
    assertUserShape(done.json);
    assert.equal(done.json.id, user.id);
    const session = await sessionOf(browser);
    assert.equal(session.is_authenticated, true);
    assert.equal(session.auth?.scheme, "session");
    assert.ok((await events(browser)).includes("mfa_failed"));
  });

  it("refuses a TOTP code that was already accepted (a replay)", async () => {
    const { username, password, secret, confirmedAt } = await userWithTotp();
    // The codes are those of the confirmation's step and the one after it, not of "now": a test
    // that crossed a 30-second boundary would otherwise send a fresh code and see it accepted.
    const spent = totp(secret, 0, confirmedAt);
    const next = totp(secret, 1, confirmedAt);
    const replay = await client(server.url).post("/api/login/mfa", {
      ticket: await startLogin(client(server.url), username, password),
      code: spent,
    });
    assert.equal(replay.status, 400);
    assert.deepEqual(replay.json, INVALID_CODE);
    const browser = client(server.url);
    const first = await browser.post("/api/login/mfa", {
      ticket: await startLogin(browser, username, password),
      code: next,
    });
    assert.equal(first.status, 200, first.text);
    const again = client(server.url);
    const second = await again.post("/api/login/mfa", {
      ticket: await startLogin(again, username, password),
      code: next,
    });
    assert.equal(second.status, 400);
    assert.deepEqual(second.json, INVALID_CODE);
  });

  it("logs in with a recovery code once, typed in any case and without the dash", async () => {
    const { username, password, recoveryCodes, owner } = await userWithTotp();
    const browser = client(server.url);
    const typed = recoveryCodes[0].toUpperCase().replace("-", "");
    const done = await browser.post("/api/login/mfa", {
      ticket: await startLogin(browser, username, password),
      code: typed,
    });
    assert.equal(done.status, 200, done.text);
    const other = client(server.url);
    const again = await other.post("/api/login/mfa", {
      ticket: await startLogin(other, username, password),
      code: recoveryCodes[0],
    });
    assert.deepEqual(again.json, INVALID_CODE);
    assert.equal(((await owner.get("/api/mfa")).json as { recovery_codes_left: number }).recovery_codes_left, 9);
    assert.ok((await events(owner)).includes("recovery_code_used"));
  });

  it("uses a ticket once", async () => {
    const { username, password, recoveryCodes } = await userWithTotp();
    const browser = client(server.url);
    const ticket = await startLogin(browser, username, password);
    assert.equal((await browser.post("/api/login/mfa", { ticket, code: recoveryCodes[0] })).status, 200);
    const reused = await client(server.url).post("/api/login/mfa", { ticket, code: recoveryCodes[1] });
    assert.equal(reused.status, 400);
    assert.deepEqual(reused.json, INVALID_TICKET);
  });

  it("lets only one of two concurrent requests with one ticket log in", async () => {
    const { username, password, recoveryCodes } = await userWithTotp();
    const ticket = await startLogin(client(server.url), username, password);
    const answers = await Promise.all(
      recoveryCodes.slice(0, 4).map((code) => client(server.url).post("/api/login/mfa", { ticket, code })),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status).sort(),
      [200, 400, 400, 400],
      answers.map((answer) => answer.text).join("\n"),
    );
  });

  it("kills a ticket after five wrong codes", async () => {
    const { username, password, recoveryCodes } = await userWithTotp();
    const browser = client(server.url);
    const ticket = await startLogin(browser, username, password);
    for (let attempt = 0; attempt < 5; attempt++)
      assert.deepEqual((await browser.post("/api/login/mfa", { ticket, code: "abcde-fghjk" })).json, INVALID_CODE);
    const right = await browser.post("/api/login/mfa", { ticket, code: recoveryCodes[0] });
    assert.equal(right.status, 400);
    assert.deepEqual(right.json, INVALID_TICKET);
    await assertAnonymous(browser);
  });

  it("refuses an expired ticket and an unknown one", async () => {
    const { username, password, recoveryCodes, user } = await userWithTotp();
    const ticket = await startLogin(client(server.url), username, password);
    withDb(
      server.databasePath,
      (database) => database.run(`UPDATE "LoginTicket" SET "expiresAt" = "createdAt" WHERE "userId" = ?`, user.id),
      { writable: true },
    );
    assert.deepEqual(
      (await client(server.url).post("/api/login/mfa", { ticket, code: recoveryCodes[0] })).json,
      INVALID_TICKET,
    );
    assert.deepEqual(
      (await client(server.url).post("/api/login/mfa", { ticket: "made-up", code: recoveryCodes[0] })).json,
      INVALID_TICKET,
    );
  });

  it("needs a code or a credential", async () => {
    const response = await client(server.url).post("/api/login/mfa", { ticket: "x" });
    assert.equal(response.status, 400);
    assert.deepEqual(response.json, { code: ["This field is required."] });
  });
});

describe("basic auth and tokens with a second factor", () => {
  it("refuses basic auth with the contract's message, while API tokens keep working", async () => {
    const { username, password, owner } = await userWithTotp();
    const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    const refused = await client(server.url).get("/api/me", { headers: { authorization: basic } });
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.json, {
      detail: "Basic authentication is not available for accounts with two-factor authentication. Use an API token.",
    });
    const token = await owner.post("/api/tokens", { name: "script" });
    assert.equal(token.status, 201, token.text);
    const me = await client(server.url).get("/api/me", {
      headers: { authorization: `Token ${(token.json as { key: string }).key}` },
    });
    assert.equal(me.status, 200, me.text);
  });
});

describe("turning the second factor off and new recovery codes", () => {
  it("new recovery codes replace the old set", async () => {
    const { password, recoveryCodes, owner, username } = await userWithTotp();
    const response = await owner.post("/api/mfa/recovery-codes", { password });
    assert.equal(response.status, 200, response.text);
    const fresh = (response.json as { recovery_codes: string[] }).recovery_codes;
    assert.equal(fresh.length, 10);
    const old = client(server.url);
    assert.deepEqual(
      (await old.post("/api/login/mfa", { ticket: await startLogin(old, username, password), code: recoveryCodes[0] }))
        .json,
      INVALID_CODE,
    );
    const next = client(server.url);
    assert.equal(
      (await next.post("/api/login/mfa", { ticket: await startLogin(next, username, password), code: fresh[0] }))
        .status,
      200,
    );
  });

  it("DELETE /api/mfa/totp with the password turns it off: the password alone logs in again", async () => {
    const { username, password, owner } = await userWithTotp();
    const wrong = await owner.request("DELETE", "/api/mfa/totp", { password: strongPassword() });
    assert.equal(wrong.status, 400);
    const response = await owner.request("DELETE", "/api/mfa/totp", { password });
    assert.equal(response.status, 204, response.text);
    assert.deepEqual((await owner.get("/api/mfa")).json, { totp: false, recovery_codes_left: 0, passkeys: 0 });
    const login = await logIn(client(server.url), username, password);
    assert.equal(login.status, 200);
    assertUserShape(login.json);
    assert.ok((await events(owner)).includes("mfa_disabled"));
    const off = await owner.post("/api/mfa/recovery-codes", { password });
    assert.equal(off.status, 409, off.text);
  });

  it("asks for authentication on every /api/mfa endpoint", async () => {
    const anonymous = client(server.url);
    assert.equal((await anonymous.get("/api/mfa")).status, 401);
    assert.equal((await anonymous.post("/api/mfa/totp", { password: "x" })).status, 401);
    assert.equal((await anonymous.post("/api/mfa/totp/confirm", { code: "123456" })).status, 401);
    assert.equal((await anonymous.post("/api/mfa/recovery-codes", { password: "x" })).status, 401);
    assert.equal((await anonymous.request("DELETE", "/api/mfa/totp", { password: "x" })).status, 401);
  });
});

describe("wrong codes and the login throttle", () => {
  it("counts wrong codes against the username's login throttle", async () => {
    const strict = await startServer({ THROTTLE_LOGIN_USERNAME: "3/15m" });
    try {
      const owner = client(strict.url);
      const { username, password } = await registerAccount(owner);
      const { recoveryCodes } = await enableTotp(owner, password);
      const browser = client(strict.url);
      const ticket = await startLogin(browser, username, password);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt++)
        statuses.push((await browser.post("/api/login/mfa", { ticket, code: "abcde-fghjk" })).status);
      assert.deepEqual(statuses, [400, 400, 400, 429]);
      const locked = await browser.post("/api/login/mfa", { ticket, code: recoveryCodes[0] });
      assert.equal(locked.status, 429, locked.text);
      assert.match(locked.headers.get("retry-after") ?? "", /^\d+$/);
    } finally {
      await strict.stop();
    }
  });
});

describe("staff turn a user's second factor off", () => {
  it("PATCH /api/admin/users/{id} with mfa=false turns it off and records mfa_disabled", async () => {
    const target = await userWithTotp();
    const staff = client(server.url);
    const member = await registerAccount(staff);
    withDb(
      server.databasePath,
      (database) =>
        database.run(`UPDATE "User" SET "isStaff" = (1 = 1), "isSuperuser" = (1 = 1) WHERE "id" = ?`, member.user.id),
      { writable: true },
    );
    const response = await staff.request("PATCH", `/api/admin/users/${target.user.id}`, { mfa: false });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual((await target.owner.get("/api/mfa")).json, { totp: false, recovery_codes_left: 0, passkeys: 0 });
    assert.ok((await events(target.owner)).includes("mfa_disabled"));
    const login = await logIn(client(server.url), target.username, target.password);
    assertUserShape(login.json);
  });

  it("is not for users who are not staff", async () => {
    const target = await userWithTotp();
    const response = await target.owner.request("PATCH", `/api/admin/users/${target.user.id}`, { mfa: false });
    assert.equal(response.status, 403);
    assert.equal(((await target.owner.get("/api/mfa")).json as { totp: boolean }).totp, true);
  });
});
