// A real SMTP server for a spec: it accepts every message (no TLS, no login, as a development
// mail catcher does) and keeps it parsed, so a test can wait for the mail a person would get.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

const WAIT_MS = 15_000;

export type Mailbox = {
  smtpUrl: string;
  /** The first message to `address` (with this subject, when given) not taken before, waiting for it to arrive. */
  next(address: string, subject?: string): Promise<ParsedMail>;
  close(): Promise<void>;
};

function recipients(mail: ParsedMail): string[] {
  const fields = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return fields.flatMap((field) => field.value.map((entry) => (entry.address ?? "").toLowerCase()));
}

export async function openMailbox(): Promise<Mailbox> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // nodemailer upgrades to TLS when offered, and would refuse this server's self-signed certificate.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  async function next(address: string, subject?: string): Promise<ParsedMail> {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const index = received.findIndex(
        (mail) =>
          recipients(mail).includes(address.toLowerCase()) && (subject === undefined || mail.subject === subject),
      );
      if (index !== -1) return received.splice(index, 1)[0];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`No mail to ${address} within ${WAIT_MS / 1000} s.`);
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    next,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The password reset link in a mail's text. */
export function resetLink(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/password\/reset\/confirm\?\S+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`No reset link in the mail:\n${mail.text}`);
  return link;
}
