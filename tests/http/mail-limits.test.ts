// Review finding 3: every PATCH /api/me that changed the address mailed the new one a link and the
// old one a notice (8 changes in a row, all 200), new-device notices went out on every login with
// a new user agent, and a reset mailed every account registered with an address, verified or not.
// Now mail is limited per account and per recipient (THROTTLE_MAIL), and an unverified address
// gets only what proves ownership: its verification link.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, uniqueName } from "../support/accounts";
import { client, type Client } from "../support/client";
import { withUserAgent } from "../support/extra-auth";
import { startMailSink, type MailSink } from "../support/extra-mail";
import { mailsTo, mailTo, verifyAddress } from "../support/mail-links";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const MAIL_LIMIT = 5;

let server: TestServer;
let mail: MailSink;

before(async () => {
  mail = await startMailSink();
  server = await startServer({
    SMTP_URL: mail.url,
    APP_URL: "http://vestibule.test",
    THROTTLE_MAIL: `${MAIL_LIMIT}/h`,
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
    THROTTLE_PASSWORD_RESET: "1000/h",
  });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
  await mail?.stop();
});

const address = (prefix: string) => `${uniqueName(prefix)}@example.org`;
/** Lets mail that is on its way arrive before a test says none came. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

async function me(browser: Client) {
  const response = await browser.get("/api/me");
  assert.equal(response.status, 200, response.text);
  return response.json as { email: string };
}

describe("mail limits", () => {
  it("answers 429 to the address change past THROTTLE_MAIL, and changes nothing", async () => {
    const browser = client(server.url);
    const { password } = await registerAccount(browser);
    const targets = Array.from({ length: MAIL_LIMIT + 2 }, () => address("change"));
    const statuses: number[] = [];
    for (const email of targets) {
      const response = await browser.request("PATCH", "/api/me", { email, password });
      statuses.push(response.status);
      if (response.status === 429) assertThrottled(response, 3600);
    }
    assert.deepEqual(statuses, [...Array(MAIL_LIMIT).fill(200), 429, 429]);
    assert.equal((await me(browser)).email, targets[MAIL_LIMIT - 1], "a refused change changed the address");
    await settle();
    for (const email of targets.slice(MAIL_LIMIT)) assert.deepEqual(mailsTo(mail, email), [], `mail went to ${email}`);
  });

  it("limits mail to one recipient address across accounts", async () => {
    const victim = address("victim");
    for (let account = 0; account < MAIL_LIMIT + 3; account += 1)
      await registerAccount(client(server.url), { email: victim });
    await settle();
    assert.equal(mailsTo(mail, victim).length, MAIL_LIMIT);
  });

  it("sends an unverified address no reset link and no notice, only its verification link", async () => {
    const email = address("unverified");
    const browser = client(server.url);
    const { username, password } = await registerAccount(browser, { email });
    await mailTo(mail, email);
    assert.equal((await client(server.url).post("/api/password/reset", { email })).status, 200);
    const changed = await browser.post("/api/password/change", {
      old_password: password,
      new_password: `${password}x`,
    });
    assert.equal(changed.status, 200, changed.text);
    await logIn(withUserAgent(client(server.url), "Another browser/1.0"), username, `${password}x`);
    await settle();
    const subjects = mailsTo(mail, email).map((message) => message.subject);
    assert.deepEqual(subjects, ["Confirm your e-mail address for Vestibule"], subjects.join(" | "));
  });

  it("mails a verified address its reset link, and its notices within the limit", async () => {
    const email = address("verified");
    const browser = client(server.url);
    const before = mail.messages.length;
    const { username, password } = await registerAccount(browser, { email });
    await verifyAddress(mail, server.url, email, before);
    const afterVerify = mail.messages.length;
    assert.equal((await client(server.url).post("/api/password/reset", { email })).status, 200);
    const reset = await mailTo(mail, email, afterVerify);
    assert.match(reset.text, /\/password\/reset\/confirm\?/);
    // New-device notices, one per new user agent: no more than the limit reach the inbox.
    for (let login = 0; login < MAIL_LIMIT + 3; login += 1)
      assert.equal(
        (await logIn(withUserAgent(client(server.url), `Browser ${login}/1.0`), username, password)).status,
        200,
      );
    await settle();
    const notices = mailsTo(mail, email).filter(
      (message) => message.subject === "New sign-in to your Vestibule account",
    );
    assert.equal(notices.length, MAIL_LIMIT);
  });
});
