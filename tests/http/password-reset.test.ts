import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  assertAnonymous,
  logIn,
  registerAccount,
  sessionOf,
  strongPassword,
  uniqueName,
  type Account,
} from "../support/accounts";
import { client, type ApiResponse, type Body, type Client } from "../support/client";
import { withDb } from "../support/db";
import { assertUnauthorized, createToken, INVALID_LOGIN, INVALID_TOKEN, tokenHeader } from "../support/extra-auth";
import { verifyAddress } from "../support/mail-links";
import { resetLinkOf, startMailSink, type MailSink, type ReceivedMail } from "../support/extra-mail";
import { assertNoSecretsLeaked, remember } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const SENT = { detail: "Password reset e-mail has been sent." };
const DONE = { detail: "Password has been reset with the new password." };
const BAD_TOKEN = { token: ["Invalid value"] };
const BAD_UID = { uid: ["Invalid value"] };
// Where the app says it is reached: links in mails are built from it, never from a request.
const APP_URL = "http://vestibule.test";
const RESET_LIMIT_SECONDS = 3600;

let server: TestServer;
let mail: MailSink;
/** Every mail, verification links included. */
let allMail: MailSink;
/** Every response of this file, to check that none carries a reset token. */
const responses: string[] = [];
/** Addresses that must never receive a mail. */
const unmailed = new Set<string>();
/** Every reset token mailed. */
const tokens = new Set<string>();
let addressCounter = 0;

/**
 * The reset mails alone: registration's verification links and the security notices (a reset
 * sends one) go to the same inboxes, and are tests/http/email-verification's and
 * security-notices' business.
 */
function resetMailsOf(sink: MailSink): MailSink {
  const isReset = (message: ReceivedMail) => message.subject === "Reset your Vestibule password";
  return {
    port: sink.port,
    url: sink.url,
    get messages() {
      return sink.messages.filter(isReset);
    },
    async waitForCount(count) {
      for (let reads = 0; sink.messages.filter(isReset).length < count && reads < 600; reads += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const messages = sink.messages.filter(isReset);
      assert.ok(messages.length >= count, `only ${messages.length} reset mails`);
      return messages;
    },
    stop: () => sink.stop(),
  };
}

before(async () => {
  allMail = await startMailSink();
  mail = resetMailsOf(allMail);
  server = await startServer({
    SMTP_URL: mail.url,
    APP_URL,
    // Reset requests are limited per e-mail and per client address alike. Behind one trusted
    // proxy each request below names its own client address, so that only the per-email count
    // adds up, except where a test means to exhaust one address.
    TRUST_PROXY: "1",
    THROTTLE_PASSWORD_RESET: "2/h",
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
  });
});

after(async () => {
  await server?.stop();
  await mail?.stop();
});

function record(response: ApiResponse): ApiResponse {
  responses.push(
    `${response.status}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n")}\n\n${response.text}`,
  );
  return response;
}

/** A browser whose every response is recorded. */
function browser(): Client {
  const inner = client(server.url);
  return {
    ...inner,
    get: async (path, options) => record(await inner.get(path, options)),
    post: async (path, body, options) => record(await inner.post(path, body, options)),
    request: async (method, path, body, options) => record(await inner.request(method, path, body, options)),
  };
}

function newClientAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

function requestReset(email: unknown, from = newClientAddress()): Promise<ApiResponse> {
  return browser().post("/api/password/reset", { email }, { headers: { "x-forwarded-for": from } });
}

function confirm(body: Body): Promise<ApiResponse> {
  return browser().post("/api/password/reset/confirm", body);
}

/** Asks for a link and returns the one mail it brought. */
async function mailedLink(
  email: string,
): Promise<{ mail: ReceivedMail; uid: string; token: string; path: string; link: string }> {
  const before = mail.messages.length;
  const response = await requestReset(email);
  assert.equal(response.status, 200, response.text);
  assert.deepEqual(response.json, SENT);
  const messages = await mail.waitForCount(before + 1);
  const received = messages[before];
  const link = resetLinkOf(received);
  tokens.add(link.token);
  remember(link.token, { issued: true });
  return { mail: received, ...link };
}

function uniqueEmail(prefix = "reset"): string {
  return `${uniqueName(prefix)}@example.org`;
}

/** An account whose address is verified: a reset link goes to no other (tests/http/mail-limits.test.ts). */
async function accountWithEmail(email = uniqueEmail()): Promise<Account & { browser: Client }> {
  const device = browser();
  const before = allMail.messages.length;
  const account = await registerAccount(device, { email });
  await verifyAddress(allMail, server.url, email, before);
  return { ...account, browser: device };
}

describe("POST /api/password/reset", () => {
  it("answers 200 with the exact message to an unknown address, and mails nothing", async () => {
    const unknown = uniqueEmail("nobody");
    unmailed.add(unknown);
    const before = mail.messages.length;
    const response = await requestReset(unknown);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, SENT);
    // A known address afterwards: its mail is the only one that comes.
    const known = await accountWithEmail();
    const { mail: received } = await mailedLink(known.user.email);
    assert.deepEqual(received.to, [known.user.email.toLowerCase()]);
    assert.equal(mail.messages.length, before + 1);
    assert.deepEqual(
      mail.messages.filter((message) => message.to.includes(unknown)),
      [],
    );
  });

  it("mails one link to a known address given in any case: /password/reset/confirm?uid=…&token=… on APP_URL", async () => {
    const email = `${uniqueName("Mixed")}@Example.org`;
    const { user } = await accountWithEmail(email);
    const shouted = email.toUpperCase();
    const before = mail.messages.length;
    const response = await browser().post(
      "/api/password/reset",
      { email: shouted },
      { headers: { "x-forwarded-for": newClientAddress(), "x-forwarded-host": "evil.example" } },
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, SENT);
    const [received] = (await mail.waitForCount(before + 1)).slice(before);
    assert.deepEqual(received.to, [user.email.toLowerCase()]);
    const link = resetLinkOf(received);
    tokens.add(link.token);
    remember(link.token, { issued: true });
    assert.equal(link.path, "/password/reset/confirm");
    assert.equal(new URL(link.link).origin, APP_URL);
    assert.ok(!received.text.includes("evil.example"));
    assert.equal(mail.messages.length, before + 1);
  });

  it("mails nothing to the address of a deactivated account", async () => {
    const email = uniqueEmail("inactive");
    const { user } = await accountWithEmail(email);
    withDb(server.databasePath, (database) => database.run(`UPDATE "User" SET isActive = 0 WHERE id = ?`, user.id), {
      writable: true,
    });
    unmailed.add(email);
    const response = await requestReset(email);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, SENT);
  });

  it('answers 400 "Enter a valid email address." to an invalid address, and a missing one as required', async () => {
    for (const email of ["not-an-email", "a@", "@example.org", "two@@example.org"]) {
      const response = await requestReset(email);
      assert.equal(response.status, 400, `${email}: ${response.text}`);
      assert.deepEqual(response.json, { email: ["Enter a valid email address."] });
    }
    const missing = await browser().post(
      "/api/password/reset",
      {},
      { headers: { "x-forwarded-for": newClientAddress() } },
    );
    assert.equal(missing.status, 400, missing.text);
    assert.deepEqual(missing.json, { email: ["This field is required."] });
  });

  it("throttles per e-mail address (2 per hour here): the third request for one address is 429 with Retry-After", async () => {
    const email = uniqueEmail("flooded");
    await accountWithEmail(email);
    await mailedLink(email);
    await mailedLink(email);
    // From yet another client address, and spelled another way: still the same inbox.
    assertThrottled(await requestReset(email), RESET_LIMIT_SECONDS);
    assertThrottled(await requestReset(email.toUpperCase()), RESET_LIMIT_SECONDS);
    // Other inboxes are not affected.
    const other = await accountWithEmail();
    await mailedLink(other.user.email);
  });

  it("throttles per client address too: a third request from one address is 429", async () => {
    const address = newClientAddress();
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const email = uniqueEmail("spray");
      unmailed.add(email);
      assert.equal((await requestReset(email, address)).status, 200);
    }
    assertThrottled(await requestReset(uniqueEmail("spray"), address), RESET_LIMIT_SECONDS);
  });
});

describe("POST /api/password/reset/confirm", () => {
  it("sets the new password from the link: weak passwords refused, then 200, and every old session and token ends", async () => {
    const account = await accountWithEmail();
    const phone = browser();
    assert.equal((await logIn(phone, account.username, account.password)).status, 200);
    const token = await createToken(account.browser);
    remember(token.key, { issued: true });
    const { uid, token: resetToken } = await mailedLink(account.user.email);

    for (const weak of ["12345678", "iloveyou", `${account.username}1`]) {
      const response = await confirm({ uid, token: resetToken, new_password: weak });
      assert.equal(response.status, 400, `${weak}: ${response.text}`);
      assert.deepEqual(Object.keys(response.json as object), ["new_password"], response.text);
    }
    assert.equal((await sessionOf(phone)).is_authenticated, true, "a refused reset ended a session");

    const newPassword = strongPassword();
    const response = await confirm({ uid, token: resetToken, new_password: newPassword });
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json, DONE);

    // The link works once.
    const again = await confirm({ uid, token: resetToken, new_password: strongPassword() });
    assert.equal(again.status, 400, again.text);
    assert.deepEqual(again.json, BAD_TOKEN);

    await assertAnonymous(account.browser);
    await assertAnonymous(phone);
    assertUnauthorized(await browser().get("/api/me", { headers: tokenHeader(token.key) }), INVALID_TOKEN);
    assert.equal(
      withDb(server.databasePath, (database) => database.count("Session", "userId = ?", account.user.id)),
      0,
    );

    const old = await logIn(browser(), account.username, account.password);
    assert.equal(old.status, 400, old.text);
    assert.deepEqual(old.json, INVALID_LOGIN);
    assert.equal((await logIn(browser(), account.username, newPassword)).status, 200);
    const events = withDb(server.databasePath, (database) =>
      database.all<{ event: string }>(`SELECT event FROM "AuthEvent" WHERE userId = ?`, account.user.id),
    ).map((row) => row.event);
    assert.ok(events.includes("password_reset"), events.join(", "));
  });

  it("refuses a tampered token with 400 token, and changes nothing", async () => {
    const account = await accountWithEmail();
    const { uid, token } = await mailedLink(account.user.email);
    const flipped = (character: string) => (character === "A" ? "B" : "A");
    const tampered = [
      `${token.slice(0, -1)}${flipped(token.slice(-1))}`,
      `${flipped(token[0])}${token.slice(1)}`,
      `${token}x`,
      token.split("-")[0],
      "garbage",
    ];
    for (const bad of tampered) {
      const response = await confirm({ uid, token: bad, new_password: strongPassword() });
      assert.equal(response.status, 400, `${bad}: ${response.text}`);
      assert.deepEqual(response.json, BAD_TOKEN);
    }
    assert.equal((await logIn(browser(), account.username, account.password)).status, 200);
  });

  it("refuses another user's token for this uid with 400 token", async () => {
    const alice = await accountWithEmail();
    const bob = await accountWithEmail();
    const alicesLink = await mailedLink(alice.user.email);
    const bobsLink = await mailedLink(bob.user.email);
    const response = await confirm({ uid: alicesLink.uid, token: bobsLink.token, new_password: strongPassword() });
    assert.equal(response.status, 400, response.text);
    assert.deepEqual(response.json, BAD_TOKEN);
    assert.equal((await logIn(browser(), alice.username, alice.password)).status, 200);
  });

  it("refuses a garbage uid with 400 uid", async () => {
    const account = await accountWithEmail();
    const { token } = await mailedLink(account.user.email);
    for (const uid of [
      "garbage!!",
      Buffer.from("no-such-user-id").toString("base64url"),
      Buffer.from("cnosuchuser0000000000000").toString("base64url"),
      "x",
    ]) {
      const response = await confirm({ uid, token, new_password: strongPassword() });
      assert.equal(response.status, 400, `${uid}: ${response.text}`);
      assert.deepEqual(response.json, BAD_UID);
    }
    assert.equal((await logIn(browser(), account.username, account.password)).status, 200);
  });

  it("lets a newer link invalidate an older one", async () => {
    const account = await accountWithEmail();
    const older = await mailedLink(account.user.email);
    const newer = await mailedLink(account.user.email);
    assert.notEqual(older.token, newer.token);
    const refused = await confirm({ uid: older.uid, token: older.token, new_password: strongPassword() });
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual(refused.json, BAD_TOKEN);
    const newPassword = strongPassword();
    const accepted = await confirm({ uid: newer.uid, token: newer.token, new_password: newPassword });
    assert.equal(accepted.status, 200, accepted.text);
    assert.deepEqual(accepted.json, DONE);
    assert.equal((await logIn(browser(), account.username, newPassword)).status, 200);
  });

  it("requires uid, token and new_password", async () => {
    const response = await confirm({});
    assert.equal(response.status, 400, response.text);
    assert.deepEqual(response.json, {
      uid: ["This field is required."],
      token: ["This field is required."],
      new_password: ["This field is required."],
    });
  });
});

describe("Secrecy of reset links", () => {
  it("never mailed an address that has no active account", () => {
    assert.ok(unmailed.size > 0);
    for (const message of mail.messages)
      for (const address of message.to) assert.ok(!unmailed.has(address), `mailed ${address}`);
  });

  it("puts no reset token in any response or in the server's output", () => {
    assert.ok(tokens.size > 0);
    const output = server.output();
    const everyResponse = responses.join("\n");
    for (const token of tokens) {
      assert.ok(!everyResponse.includes(token), "a response carries a reset token");
      assert.ok(!output.includes(token), "the server's output carries a reset token");
      const signature = token.split("-").slice(1).join("-");
      assert.ok(!output.includes(signature) && !everyResponse.includes(signature), "a reset token's signature leaked");
    }
  });

  it("leaks no password, hash, session cookie or API key", () => {
    assertNoSecretsLeaked(server);
  });
});
