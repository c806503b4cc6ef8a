import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { registerAccount, uniqueName, type Account } from "../support/accounts";
import { client, type Client } from "../support/client";
import { assertUnauthorized, createToken, NOT_AUTHENTICATED, tokenHeader } from "../support/extra-auth";
import { startMailSink, type MailSink } from "../support/extra-mail";
import { assertHarmlessNotice, mailsTo, mailTo, verifyLinkOf } from "../support/mail-links";
import { assertNoSecretsLeaked, remember } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const APP_URL = "http://vestibule.test";
const AUTH_SECRET = randomBytes(32).toString("base64url");
const TIMEOUT_SECONDS = 3600;
const VERIFIED = { detail: "E-mail address verified." };
const BAD_TOKEN = { token: ["Invalid value"] };
const PASSWORD_REQUIRED = { password: ["This field is required."] };
const WRONG_PASSWORD = { password: ["Your password was entered incorrectly. Please enter it again."] };

let server: TestServer;
let mail: MailSink;

before(async () => {
  mail = await startMailSink();
  server = await startServer({
    SMTP_URL: mail.url,
    APP_URL,
    AUTH_SECRET,
    EMAIL_VERIFY_TIMEOUT: String(TIMEOUT_SECONDS),
    THROTTLE_PASSWORD_RESET: "2/h",
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
  });
});

after(async () => {
  await server?.stop();
  await mail?.stop();
});

const email = (prefix = "verify") => `${uniqueName(prefix)}@example.org`;

type Person = Account & { browser: Client };

async function register(address = email()): Promise<Person & { token: string }> {
  const browser = client(server.url);
  const before = mail.messages.length;
  const account = await registerAccount(browser, { email: address });
  const { token } = verifyLinkOf(await mailTo(mail, address, before));
  remember(token, { issued: true });
  return { ...account, browser, token };
}

async function me(browser: Client, headers?: Record<string, string>) {
  const response = await browser.get("/api/me", { headers });
  assert.equal(response.status, 200, response.text);
  return response.json as { email: string; email_verified: boolean };
}

const verify = (token: unknown) => client(server.url).post("/api/email/verify", { token });

describe("registration with an address", () => {
  it("leaves it unverified and mails a link built from APP_URL, which a GET of the page does not use", async () => {
    const address = email();
    const browser = client(server.url);
    const before = mail.messages.length;
    const account = await registerAccount(browser, { email: address });
    assert.equal(account.user.email_verified, false);
    const received = await mailTo(mail, address, before);
    const link = verifyLinkOf(received);
    assert.ok(link.link.startsWith(`${APP_URL}/email/verify?token=`), link.link);
    // A mail scanner opening the link confirms nothing.
    const page = await client(server.url).get(`${link.path}?token=${encodeURIComponent(link.token)}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Confirm my e-mail address/);
    assert.equal((await me(browser)).email_verified, false);
  });

  it("is verified by POST /api/email/verify, once", async () => {
    const person = await register();
    const response = await verify(person.token);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, VERIFIED);
    assert.equal((await me(person.browser)).email_verified, true);
    const again = await verify(person.token);
    assert.equal(again.status, 400);
    assert.deepEqual(again.json, BAD_TOKEN);
  });

  it("mails nothing to register without an address", async () => {
    const before = mail.messages.length;
    const account = await registerAccount(client(server.url));
    assert.equal(account.user.email_verified, false);
    // Another registration's mail comes; none came for the account without an address.
    const marker = await register();
    assert.equal(mail.messages.length, before + 1);
    assert.ok(mail.messages[before].to.includes(marker.user.email.toLowerCase()));
  });
});

describe("POST /api/email/verify", () => {
  it("refuses made-up, malformed and missing tokens with the contract's 400", async () => {
    for (const token of ["abc", "eHl6.kq1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x".repeat(150)]) {
      const response = await verify(token);
      assert.equal(response.status, 400, token);
      assert.deepEqual(response.json, BAD_TOKEN);
    }
    const missing = await client(server.url).post("/api/email/verify", {});
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, { token: ["This field is required."] });
  });

  it("refuses a link older than EMAIL_VERIFY_TIMEOUT, signed as the server signs", async () => {
    const person = await register();
    const sign = (issuedAt: number) => {
      const mac = createHmac("sha256", AUTH_SECRET)
        .update(["vestibule.email-verify", person.user.id, person.user.email, "", issuedAt].join("|"))
        .digest("base64url");
      return `${Buffer.from(person.user.id).toString("base64url")}.${issuedAt.toString(36)}.${mac}`;
    };
    const expired = await verify(sign(Date.now() - (TIMEOUT_SECONDS + 5) * 1000));
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.json, BAD_TOKEN);
    // The same signature a moment ago is good: the refusal above was the age alone.
    const fresh = await verify(sign(Date.now() - 1000));
    assert.equal(fresh.status, 200, fresh.text);
  });
});

describe("PATCH /api/me changing the e-mail address", () => {
  it("needs the current password, and changes nothing without it", async () => {
    const person = await register();
    const address = email("new");
    const missing = await person.browser.request("PATCH", "/api/me", { email: address, first_name: "Ada" });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, PASSWORD_REQUIRED);
    const wrong = await person.browser.request("PATCH", "/api/me", { email: address, password: "Not-the-password-1" });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.json, WRONG_PASSWORD);
    const now = await me(person.browser);
    assert.equal(now.email, person.user.email);
    assert.deepEqual(mailsTo(mail, address), []);
    // Other fields, or the same address again, need no password.
    const names = await person.browser.request("PATCH", "/api/me", { first_name: "Ada", email: person.user.email });
    assert.equal(names.status, 200, names.text);
  });

  it("needs it with an API token too", async () => {
    const person = await register();
    const { key } = await createToken(person.browser);
    const address = email("tok");
    const missing = await client(server.url).request(
      "PATCH",
      "/api/me",
      { email: address },
      { headers: tokenHeader(key) },
    );
    assert.deepEqual(missing.json, PASSWORD_REQUIRED);
    const done = await client(server.url).request(
      "PATCH",
      "/api/me",
      { email: address, password: person.password },
      { headers: tokenHeader(key) },
    );
    assert.equal(done.status, 200, done.text);
    assert.equal((done.json as { email: string }).email, address);
  });

  it("makes the new address unverified, mails it a link, tells the old one if it was verified, and kills the old link", async () => {
    const person = await register();
    assert.equal((await verify(person.token)).status, 200);
    const second = await register();
    const address = email("moved");
    const before = mail.messages.length;
    const response = await second.browser.request("PATCH", "/api/me", { email: address, password: second.password });
    assert.equal(response.status, 200, response.text);
    assert.equal((response.json as { email_verified: boolean }).email_verified, false);

    const { token } = verifyLinkOf(await mailTo(mail, address, before));
    // The old address was never verified: it is told nothing (an unverified address gets only its link).
    assert.deepEqual(
      mail.messages.slice(before).filter((message) => message.to.includes(second.user.email.toLowerCase())),
      [],
    );
    remember(token, { issued: true });
    // The link mailed at registration was for the old address: it died with the change.
    assert.deepEqual((await verify(second.token)).json, BAD_TOKEN);
    assert.equal((await verify(token)).status, 200);
    assert.equal((await me(second.browser)).email_verified, true);

    // A verified address that changes is unverified again, and the old one is told.
    const beforeAgain = mail.messages.length;
    const newAddress = email("again");
    const again = await person.browser.request("PATCH", "/api/me", { email: newAddress, password: person.password });
    assert.equal((again.json as { email_verified: boolean }).email_verified, false);
    const notice = await mailTo(mail, person.user.email, beforeAgain);
    assert.match(notice.subject, /e-mail address was changed/);
    assert.match(notice.text, new RegExp(person.user.username));
    assert.ok(!notice.text.includes(newAddress), "the notice names the new address");
    assertHarmlessNotice(notice, APP_URL);
  });

  it("mails only the link when an account without an address gets one", async () => {
    const browser = client(server.url);
    const account = await registerAccount(browser);
    const address = email("first");
    const before = mail.messages.length;
    const response = await browser.request("PATCH", "/api/me", { email: address, password: account.password });
    assert.equal(response.status, 200, response.text);
    const { token } = verifyLinkOf(await mailTo(mail, address, before));
    remember(token, { issued: true });
    // The notice is recorded, but has nowhere to go: the new address is not the old one.
    const events = (await browser.get("/api/events")).json as Array<{ event: string }>;
    assert.ok(events.some((entry) => entry.event === "email_changed"));
    assert.deepEqual(
      mailsTo(mail, address).map((message) => message.subject),
      ["Confirm your e-mail address for Vestibule"],
    );
  });

  it("sends no link when the address is removed, and the old (verified) one is told", async () => {
    const person = await register();
    assert.equal((await verify(person.token)).status, 200);
    const before = mail.messages.length;
    const response = await person.browser.request("PATCH", "/api/me", { email: "", password: person.password });
    assert.equal(response.status, 200, response.text);
    const notice = await mailTo(mail, person.user.email, before);
    assert.match(notice.subject, /e-mail address was changed/);
    assert.ok(mail.messages.slice(before).every((message) => !/\/email\/verify/.test(message.text)));
  });
});

describe("POST /api/email/verify/resend", () => {
  it("needs a signed-in user", async () => {
    assertUnauthorized(await client(server.url).post("/api/email/verify/resend"), NOT_AUTHENTICATED);
  });

  it("mails a new link that works, says 409 once verified, and is throttled like reset requests", async () => {
    const person = await register();
    const before = mail.messages.length;
    const response = await person.browser.post("/api/email/verify/resend");
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, { detail: "Verification e-mail has been sent." });
    const { token } = verifyLinkOf(await mailTo(mail, person.user.email, before));
    remember(token, { issued: true });
    assert.equal((await person.browser.post("/api/email/verify/resend")).status, 200);
    assertThrottled(await person.browser.post("/api/email/verify/resend"), 3600);
    assert.equal((await verify(token)).status, 200);
    const done = await person.browser.post("/api/email/verify/resend");
    assert.equal(done.status, 409);
    assert.deepEqual(done.json, { detail: "The e-mail address is already verified." });
  });

  it("says 409 when the account has no address", async () => {
    const browser = client(server.url);
    await registerAccount(browser);
    const response = await browser.post("/api/email/verify/resend");
    assert.equal(response.status, 409);
    assert.deepEqual(response.json, { detail: "There is no e-mail address to verify." });
  });
});

describe("the user object", () => {
  it("carries email_verified on GET /api/session too", async () => {
    const person = await register();
    const session = await person.browser.get("/api/session");
    assert.equal((session.json as { user: { email_verified: boolean } }).user.email_verified, false);
  });

  it("leaks no secret", () => {
    assertNoSecretsLeaked(server);
  });
});
