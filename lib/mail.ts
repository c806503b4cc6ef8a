import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/env";
import { logger } from "@/lib/logger";

// Outgoing mail: real SMTP (nodemailer) when SMTP_URL is set. Without it — the quick start — each
// message is written to data/outbox/ as an .eml file, and the log says where (never the body:
// a reset link is a secret).

export type Mail = { to: string; subject: string; text: string };

export const OUTBOX = path.resolve("data", "outbox");

const holder = globalThis as typeof globalThis & { vestibuleMailer?: Transporter };

function transporter(): Transporter {
  return (holder.vestibuleMailer ??= config.SMTP_URL
    ? nodemailer.createTransport(config.SMTP_URL)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }));
}

export async function sendMail(mail: Mail): Promise<void> {
  const info = await transporter().sendMail({ from: config.MAIL_FROM, ...mail });
  if (config.SMTP_URL) {
    logger.info({ messageId: info.messageId }, "mail sent");
    return;
  }
  await fs.mkdir(OUTBOX, { recursive: true });
  const file = path.join(
    OUTBOX,
    `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`,
  );
  await fs.writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
  logger.info(
    { file: path.relative(process.cwd(), file), subject: mail.subject },
    "mail written to the outbox (SMTP_URL is not set)",
  );
}
