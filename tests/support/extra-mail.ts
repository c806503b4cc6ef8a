// A real SMTP server for the tests: every message the app sends over SMTP_URL lands here,
// parsed by mailparser, with the envelope's recipients.
import assert from "node:assert/strict";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./server";

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; raw: ParsedMail };

export type MailSink = {
  port: number;
  url: string;
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[];
  /** Resolves once `count` messages in all have arrived (the test's own timeout bounds the wait). */
  waitForCount(count: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
};

export async function startMailSink(): Promise<MailSink> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            raw: mail,
          });
          for (const waiter of waiters.filter((item) => messages.length >= item.count)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(port, "127.0.0.1", () => resolve());
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitForCount(count) {
      if (messages.length < count) await new Promise<void>((resolve) => waiters.push({ count, resolve }));
      assert.ok(messages.length >= count);
      return messages;
    },
    stop: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** The uid and token of the reset link in a message, with the link's path. */
export function resetLinkOf(mail: ReceivedMail): { path: string; uid: string; token: string; link: string } {
  const match = /https?:\/\/\S+\/password\/reset\/confirm\?\S+/.exec(mail.text);
  assert.ok(match, `no reset link in:\n${mail.text}`);
  const url = new URL(match[0]);
  const uid = url.searchParams.get("uid");
  const token = url.searchParams.get("token");
  assert.ok(uid && token, `the link lacks uid or token: ${match[0]}`);
  return { path: url.pathname, uid, token, link: match[0] };
}
