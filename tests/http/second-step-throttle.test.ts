// Review finding 1: wrong second-step codes were counted on the username's counter, which a right
// password cleared before the second step was even asked for, so an attacker with the password
// could try 4 codes per ticket, for ever. Now they count on the second step's own counter until a
// second step succeeds, whichever ticket they come with, and the owner hears of the lock.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { withDb } from "../support/db";
import { startMailSink, type MailSink } from "../support/extra-mail";
import { assertHarmlessNotice, mailsTo, mailTo, verifyAddress } from "../support/mail-links";
import { enableTotp, startLogin } from "../support/mfa";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";
import { totp } from "../support/totp";

const APP_URL = "http://vestibule.test";
const LIMIT = 5;
const WINDOW_SECONDS = 15 * 60;
const WRONG = "000000";

let server: TestServer;
let mail: MailSink;

before(async () => {
  mail = await startMailSink();
  server = await startServer({
    SMTP_URL: mail.url,
    APP_URL,
    THROTTLE_LOGIN_USERNAME: `${LIMIT}/15m`,
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_REGISTER: "1000/h",
  });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
  await mail?.stop();
});

async function ownerWithTotp() {
  const email = `${uniqueName("codes")}@example.org`;
  const owner = client(server.url);
  const before = mail.messages.length;
  const account = await registerAccount(owner, { email });
  await verifyAddress(mail, server.url, email, before);
  const enabled = await enableTotp(owner, account.password);
  return { ...account, ...enabled, email };
}

const events = (userId: string, event: string) =>
  withDb(server.databasePath, (database) => database.count("AuthEvent", `"userId" = ? AND "event" = ?`, userId, event));

/** A code that is not the current one (nor its neighbours), so it is wrong for sure. */
function wrongCode(secret: string): string {
  const near = new Set([-1, 0, 1].map((step) => totp(secret, step)));
  return near.has(WRONG) ? "111111" : WRONG;
}

describe("wrong second-step codes across tickets", () => {
  it("count until a second step succeeds: a right password again starts a ticket, not a new count", async () => {
    const owner = await ownerWithTotp();
    const attacker = client(server.url);
    const code = wrongCode(owner.secret);
    const statuses: number[] = [];
    // Four tickets, two wrong codes each: on the old code every one of these was a 400.
    for (let ticketNumber = 0; ticketNumber < 4; ticketNumber += 1) {
      const ticket = await startLogin(attacker, owner.username, owner.password);
      for (let attempt = 0; attempt < 2; attempt += 1)
        statuses.push((await attacker.post("/api/login/mfa", { ticket, code })).status);
    }
    assert.deepEqual(statuses.slice(0, LIMIT), Array(LIMIT).fill(400), statuses.join(" "));
    assert.deepEqual(statuses.slice(LIMIT), Array(8 - LIMIT).fill(429), statuses.join(" "));

    // Locked for the second step: the right code too, from a fresh ticket, until the window ends.
    const ticket = await startLogin(attacker, owner.username, owner.password);
    assertThrottled(await attacker.post("/api/login/mfa", { ticket, code: totp(owner.secret) }), WINDOW_SECONDS);
    assert.equal(events(owner.user.id, "login_throttled"), 1, "one login_throttled per lock window");
  });

  it("mails the owner when the codes lock the second step: someone has the password", async () => {
    const owner = await ownerWithTotp();
    const attacker = client(server.url);
    const code = wrongCode(owner.secret);
    const before = mail.messages.length;
    for (let attempt = 0; attempt < LIMIT; attempt += 1) {
      const ticket = await startLogin(attacker, owner.username, owner.password);
      assert.equal((await attacker.post("/api/login/mfa", { ticket, code })).status, 400);
    }
    const subject = "Someone has your Vestibule password";
    let notice = await mailTo(mail, owner.email, before);
    for (let read = 0; notice.subject !== subject && read < 100; read += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      notice = mailsTo(mail, owner.email).find((message) => message.subject === subject) ?? notice;
    }
    assert.equal(notice.subject, subject);
    assert.match(notice.text, /wrong two-factor codes/);
    assertHarmlessNotice(notice, APP_URL);
    assert.equal(events(owner.user.id, "second_step_locked"), 1);
    assert.equal(mailsTo(mail, owner.email).filter((message) => message.subject === subject).length, 1);
  });

  it("start again after a completed login (the recovery code here)", async () => {
    const owner = await ownerWithTotp();
    const browser = client(server.url);
    const code = wrongCode(owner.secret);
    for (let attempt = 0; attempt < LIMIT - 1; attempt += 1) {
      const ticket = await startLogin(browser, owner.username, owner.password);
      assert.equal((await browser.post("/api/login/mfa", { ticket, code })).status, 400);
    }
    // The owner completes a login (a recovery code, so no TOTP step is reused)...
    const ticket = await startLogin(browser, owner.username, owner.password);
    const done = await browser.post("/api/login/mfa", { ticket, code: owner.recoveryCodes[0] });
    assert.equal(done.status, 200, done.text);
    // ...and the count starts again: LIMIT more wrong codes are answered as wrong, not refused.
    const again = client(server.url);
    for (let attempt = 0; attempt < LIMIT; attempt += 1) {
      const next = await startLogin(again, owner.username, owner.password);
      assert.equal((await again.post("/api/login/mfa", { ticket: next, code })).status, 400);
    }
  });
});
