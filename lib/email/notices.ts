import "server-only";
import { COMMAND_LINE, recordEvent, type Actor } from "@/lib/audit";
import { shortUserAgent, type DeviceWords } from "@/lib/user-agent";
import { formatUtc } from "@/lib/utc";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { catalog, type Catalog } from "@/lib/i18n/catalog";
import { formatMessage } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { mailLocale } from "@/lib/i18n/mail-locale";
import { sendMail } from "@/lib/mail";
import { reserveMail } from "@/lib/throttle";

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
  | "provider_connected"
  | "provider_disconnected"
  | "login_new_device"
  // The password was right, then wrong second-step codes reached the limit (lib/login/second-step.ts).
  | "second_step_locked";

type NoticeTexts = Catalog["mail"]["notice"];
/** The keys of "mail" → "notice" in messages/<language>.json that hold one event's subject and sentence. */
type EventTexts = {
  [K in keyof NoticeTexts]: NoticeTexts[K] extends { subject: string } ? K : never;
}[keyof NoticeTexts];

const TEXTS: Record<NoticeEvent, EventTexts> = {
  password_changed: "passwordChanged",
  email_changed: "emailChanged",
  mfa_enabled: "mfaEnabled",
  mfa_disabled: "mfaDisabled",
  passkey_added: "passkeyAdded",
  passkey_removed: "passkeyRemoved",
  provider_connected: "providerConnected",
  provider_disconnected: "providerDisconnected",
  login_new_device: "loginNewDevice",
  second_step_locked: "secondStepLocked",
};

/** Where it came from, as a person reads it: never the staff member's own address or browser. */
function origin(actor: Actor, texts: NoticeTexts, locale: Locale): string[] {
  const devices: DeviceWords = (key, values) => formatMessage(catalog(locale).devices[key], values ?? {}, locale);
  if (actor.staffUserId) return [texts.byStaff];
  if (!actor.clientAddress) return [texts.fromCommandLine];
  return [
    formatMessage(texts.fromAddress, { address: actor.clientAddress }, locale),
    formatMessage(texts.browser, { browser: shortUserAgent(actor.headers.get("user-agent") ?? "", devices) }, locale),
  ];
}

function noticeText(event: NoticeEvent, username: string, actor: Actor, at: Date, locale: Locale): string {
  const texts = catalog(locale).mail.notice;
  return [
    formatMessage(texts.greeting, { username }, locale),
    "",
    texts[TEXTS[event]].sentence,
    "",
    formatMessage(texts.when, { time: formatUtc(at.toISOString()) }, locale),
    ...origin(actor, texts, locale),
    "",
    formatMessage(texts.closing, { link: `${config.APP_URL}/account` }, locale),
  ].join("\n");
}

/**
 * Records the event and mails the notice (to `to`, which the caller knows was verified, or else
 * the account's current address if it is verified; none when blank or unverified), within
 * THROTTLE_MAIL. Call it after the change's transaction has committed.
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
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { username: true, email: true, emailVerified: true, language: true },
  });
  // An address nobody has proven to own gets no notice: only its verification link.
  const address = to ?? (user?.emailVerified ? user.email : "");
  if (!user || !address) return;
  if ((await reserveMail("notice", userId, address)).throttled) {
    logger.info(
      { userId, notice: event },
      "security notice not sent: this account's or address's mail limit is reached",
    );
    return;
  }
  const locale = mailLocale(user.language, actor);
  await sendMail({
    to: address,
    subject: catalog(locale).mail.notice[TEXTS[event]].subject,
    text: noticeText(event, user.username, actor, at, locale),
  });
}
