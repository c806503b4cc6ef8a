import "server-only";
import { COMMAND_LINE, recordEvent, type Actor } from "@/lib/audit";
import { shortUserAgent } from "@/components/account/describe";
import { formatUtc } from "@/components/utc";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail";

// Security notices: a mail to the account's address when something happens to it, each one an
// audit event too. A notice never holds a secret or a link that acts: only what happened, when,
// from where, and a link to /account. It goes out after the change is committed, in the
// background: a mail server that is slow or down never fails or delays the change itself, and
// the failure is logged without the message.

export type NoticeEvent =
  | "password_changed"
  | "email_changed"
  | "mfa_enabled"
  | "mfa_disabled"
  | "passkey_added"
  | "passkey_removed"
  | "login_new_device";

const WHAT: Record<NoticeEvent, { subject: string; sentence: string }> = {
  password_changed: {
    subject: "Your Vestibule password was changed",
    sentence: "The password of your account was changed.",
  },
  email_changed: {
    subject: "Your Vestibule e-mail address was changed",
    sentence: "The e-mail address of your account was changed: this address no longer receives its mail.",
  },
  mfa_enabled: {
    subject: "Two-factor authentication was turned on",
    sentence: "Two-factor authentication (an authenticator app) was turned on for your account.",
  },
  mfa_disabled: {
    subject: "Two-factor authentication was turned off",
    sentence:
      "Two-factor authentication (the authenticator app and its recovery codes) was turned off for your account.",
  },
  passkey_added: {
    subject: "A passkey was added to your Vestibule account",
    sentence: "A passkey was added to your account.",
  },
  passkey_removed: {
    subject: "A passkey was removed from your Vestibule account",
    sentence: "A passkey was removed from your account.",
  },
  login_new_device: {
    subject: "New sign-in to your Vestibule account",
    sentence: "Your account was signed in to from a browser or program that has not signed in to it before.",
  },
};

/** Where it came from, as a person reads it: never the staff member's own address or browser. */
function origin(actor: Actor): string[] {
  if (actor.staffUserId) return ["By: a staff member"];
  if (!actor.clientAddress) return ["From: the server's command line"];
  return [`From: ${actor.clientAddress}`, `Browser: ${shortUserAgent(actor.headers.get("user-agent") ?? "")}`];
}

function noticeText(event: NoticeEvent, username: string, actor: Actor, at: Date): string {
  return [
    `Hello ${username},`,
    "",
    WHAT[event].sentence,
    "",
    `When: ${formatUtc(at.toISOString())}`,
    ...origin(actor),
    "",
    "If this was you, there is nothing to do. If it was not, change your password and review your",
    `sessions, tokens and second factors on your account page: ${config.APP_URL}/account`,
  ].join("\n");
}

/**
 * Records the event and mails the notice (to `to`, or the account's current address; none when
 * that is blank). Call it after the change's transaction has committed.
 */
export async function recordAndNotify(
  event: NoticeEvent,
  userId: string,
  actor: Actor = COMMAND_LINE,
  to?: string,
): Promise<void> {
  await recordEvent(event, userId, actor);
  const sending = sendNotice(event, userId, actor, new Date(), to).catch((error: unknown) => {
    logger.error({ err: errorSummary(error), userId, notice: event }, "could not send the security notice");
  });
  unsent.add(sending);
  void sending.finally(() => unsent.delete(sending));
}

const unsent = new Set<Promise<void>>();

/** For a process about to exit (the manage CLI): the notices still on their way. */
export async function noticesSent(): Promise<void> {
  await Promise.allSettled([...unsent]);
}

async function sendNotice(event: NoticeEvent, userId: string, actor: Actor, at: Date, to?: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { username: true, email: true } });
  const address = to ?? user?.email;
  if (!user || !address) return;
  await sendMail({ to: address, subject: WHAT[event].subject, text: noticeText(event, user.username, actor, at) });
}
