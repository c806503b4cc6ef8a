import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { registerAccount, uniqueName, type Account } from "../support/accounts";
import { client, type Client } from "../support/client";
import { eventually, withUserAgent } from "../support/extra-auth";
import { resetLinkOf, startMailSink, type MailSink, type ReceivedMail } from "../support/extra-mail";
import { assertHarmlessNotice, mailsTo, mailTo, verifyAddress } from "../support/mail-links";
import { enableTotp } from "../support/mfa";
import { assertNoSecretsLeaked, remember } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const APP_URL = "http://vestibule.test";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

let server: TestServer;
let mail: MailSink;

before(async () => {
  mail = await startMailSink();
  server = await startServer({
    SMTP_URL: mail.url,
    APP_URL,
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_LOGIN_ADDRESS: "1000/15m",
  });
});

after(async () => {
  await server?.stop();
  await mail?.stop();
});

type Person = Account & { browser: Client; email: string };

async function person(userAgent = CHROME): Promise<Person> {
  const email = `${uniqueName("notice")}@example.org`;
  const browser = withUserAgent(client(server.url), userAgent);
  const before = mail.messages.length;
  const account = await registerAccount(browser, { email });
  // The verification link comes first (notices go only to a verified address); the notices are
  // what this file reads.
  await verifyAddress(mail, server.url, email, before);
  return { ...account, browser, email };
}

async function events(browser: Client): Promise<string[]> {
  const response = await browser.get("/api/events");
  assert.equal(response.status, 200, response.text);
  return (response.json as Array<{ event: string }>).map((entry) => entry.event);
}

/** The next notice to `email` with this subject, checked for what every notice must and must not hold. */
async function notice(email: string, after: number, subject: string): Promise<ReceivedMail> {
  const received = await mailTo(mail, email, after);
  assert.equal(received.subject, subject, received.text);
  assertHarmlessNotice(received, APP_URL);
  assert.match(received.text, /^When: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
  return received;
}

describe("security notices", () => {
  it("tells the owner of a password change, with the time, address and browser, and records it", async () => {
    const someone = await person();
    const before = mail.messages.length;
    const newPassword = `${someone.password}-2`;
    remember(newPassword);
    const response = await someone.browser.post("/api/password/change", {
      old_password: someone.password,
      new_password: newPassword,
    });
    assert.equal(response.status, 200, response.text);
    const received = await notice(someone.email, before, "Your Vestibule password was changed");
    assert.match(received.text, /^From: 127\.0\.0\.1$/m);
    assert.match(received.text, /^Browser: Chrome 131 on Linux$/m);
    assert.match(received.text, new RegExp(`Hello ${someone.username},`));
    assert.ok((await events(someone.browser)).includes("password_changed"));
  });

  it("tells the owner when the password is reset from a link", async () => {
    const someone = await person();
    let before = mail.messages.length;
    await client(server.url).post("/api/password/reset", { email: someone.email });
    const link = resetLinkOf(await mailTo(mail, someone.email, before));
    remember(link.token, { issued: true });
    before = mail.messages.length;
    const newPassword = `${someone.password}-reset`;
    remember(newPassword);
    const done = await client(server.url).post("/api/password/reset/confirm", {
      uid: link.uid,
      token: link.token,
      new_password: newPassword,
    });
    assert.equal(done.status, 200, done.text);
    await notice(someone.email, before, "Your Vestibule password was changed");
  });

  it("tells the owner when two-factor authentication goes on and off", async () => {
    const someone = await person();
    let before = mail.messages.length;
    await enableTotp(someone.browser, someone.password);
    await notice(someone.email, before, "Two-factor authentication was turned on");
    before = mail.messages.length;
    const off = await someone.browser.request("DELETE", "/api/mfa/totp", { password: someone.password });
    assert.equal(off.status, 204, off.text);
    await notice(someone.email, before, "Two-factor authentication was turned off");
    const recorded = await events(someone.browser);
    assert.ok(recorded.includes("mfa_enabled") && recorded.includes("mfa_disabled"), recorded.join());
  });

  it("tells the owner of a sign-in from a browser that never signed in, once", async () => {
    const someone = await person(CHROME);
    // The browser that registered is known: its login mails nothing (checked below).
    assert.equal(
      (
        await withUserAgent(client(server.url), CHROME).post("/api/login", {
          username: someone.username,
          password: someone.password,
        })
      ).status,
      200,
    );
    const before = mail.messages.length;
    const stranger = withUserAgent(client(server.url), FIREFOX);
    assert.equal(
      (await stranger.post("/api/login", { username: someone.username, password: someone.password })).status,
      200,
    );
    const received = await notice(someone.email, before, "New sign-in to your Vestibule account");
    assert.match(received.text, /^Browser: Firefox 140 on Windows$/m);
    assert.ok((await events(stranger)).includes("login_new_device"));

    // Now that browser is known. A password change afterwards is the next mail to the address.
    assert.equal(
      (
        await withUserAgent(client(server.url), FIREFOX).post("/api/login", {
          username: someone.username,
          password: someone.password,
        })
      ).status,
      200,
    );
    const marker = mail.messages.length;
    const newPassword = `${someone.password}-m`;
    remember(newPassword);
    await someone.browser.post("/api/password/change", { old_password: someone.password, new_password: newPassword });
    await notice(someone.email, marker, "Your Vestibule password was changed");
    assert.deepEqual(
      mailsTo(mail, someone.email)
        .map((message) => message.subject)
        .filter((subject) => subject.startsWith("New sign-in")),
      ["New sign-in to your Vestibule account"],
    );
  });

  it("never fails or holds up the change when the mail server hangs, and logs no secret", async () => {
    const someone = await person();
    // In the mail server's place, one that takes the connection and never says a word: a change
    // that waited for its notice could only answer once that connection had given up.
    await mail.stop();
    const held = new Set<net.Socket>();
    let ended = 0;
    const silent = net.createServer((socket) => {
      held.add(socket);
      socket.on("close", () => (ended += 1));
    });
    await new Promise<void>((resolve) => silent.listen(mail.port, "127.0.0.1", resolve));
    try {
      const newPassword = `${someone.password}-down`;
      remember(newPassword);
      const response = await someone.browser.post("/api/password/change", {
        old_password: someone.password,
        new_password: newPassword,
      });
      assert.equal(response.status, 200, response.text);
      assert.equal(ended, 0, "the answer came only after the mail connection had ended: it waited for the mail");
      await eventually(
        () => held.size,
        (count) => count > 0,
        "the notice was attempted",
      );
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    await eventually(
      () => server.output().includes("could not send the security notice"),
      Boolean,
      "the failed notice is logged",
    );
    assertNoSecretsLeaked(server);
  });
});
