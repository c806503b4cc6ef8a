import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { recordEvent, type Actor } from "@/lib/audit";
import type { AuthenticatedUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { catalog } from "@/lib/i18n/catalog";
import { formatMessage } from "@/lib/i18n/format";
import { mailLocale } from "@/lib/i18n/mail-locale";
import { sendMail } from "@/lib/mail";
import { messages } from "@/lib/messages";
import { conflict, throttled, type Conflict, type Throttled } from "@/lib/refusal";
import { reserveMail, reserveVerificationMail } from "@/lib/throttle";
import { openWaysInReview } from "@/lib/ways-in-review";

// E-mail verification links, made like the password-reset tokens (lib/password-reset.ts): an
// HMAC (keyed by AUTH_SECRET) of the user's id, the address, its verification state and the
// link's own time. Nothing is stored. So a link expires (EMAIL_VERIFY_TIMEOUT), works once (the
// state it was signed over changes when it is used), and dies when the address changes.

type VerifyState = { id: string; email: string; emailVerified: Date | null };

const TOKEN = /^([A-Za-z0-9_-]{1,88})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

function signature(user: VerifyState, issuedAt: number): string {
  const material = ["vestibule.email-verify", user.id, user.email, user.emailVerified?.getTime() ?? "", issuedAt].join(
    "|",
  );
  return createHmac("sha256", config.AUTH_SECRET).update(material).digest("base64url");
}

export function verificationToken(user: VerifyState, issuedAt = Date.now()): string {
  return `${Buffer.from(user.id).toString("base64url")}.${issuedAt.toString(36)}.${signature(user, issuedAt)}`;
}

function parseToken(token: string): { id: string; issuedAt: number; mac: string } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const id = Buffer.from(match[1], "base64url").toString("utf8");
  // Ids are cuids: anything else must not reach the database.
  if (!/^[a-z0-9]{1,64}$/.test(id)) return null;
  return { id, issuedAt: parseInt(match[2], 36), mac: match[3] };
}

function isCurrent(issuedAt: number): boolean {
  const age = Date.now() - issuedAt;
  return age <= config.EMAIL_VERIFY_TIMEOUT * 1000 && age >= -60_000;
}

/** Marks the address verified when the token is good; false for a bad, expired, used or stale token. */
export async function verifyEmail(token: string, actor: Actor): Promise<boolean> {
  const parsed = parseToken(token);
  if (!parsed || !isCurrent(parsed.issuedAt)) return false;
  const user = await prisma.user.findUnique({
    where: { id: parsed.id },
    select: { id: true, email: true, emailVerified: true, isActive: true, emailVerifiedOnce: true },
  });
  if (!user || !user.isActive || user.email === "" || user.emailVerified) return false;
  if (!timingSafeEqual(Buffer.from(parsed.mac), Buffer.from(signature(user, parsed.issuedAt)))) return false;
  // Conditional: of two uses at once, or a use racing an address change, one (or none) wins.
  const taken = await prisma.user.updateMany({
    where: { id: user.id, email: user.email, emailVerified: null },
    data: { emailVerified: new Date(), emailVerifiedOnce: true },
  });
  if (taken.count !== 1) return false;
  // The account's first proof of whose it is: the ways in set up before it are shown to review
  // (someone may have registered with this address, and added their own, before its owner came).
  if (!user.emailVerifiedOnce) await openWaysInReview(user.id);
  await recordEvent("email_verified", user.id, actor);
  return true;
}

/**
 * Mails a link to the user's current address, in the background: a failed mail is logged, never
 * the request's failure. `reserved`: the caller has already counted it against THROTTLE_MAIL
 * (and answered 429 past it); otherwise a mail past the limit is left unsent (a registration
 * still succeeds).
 */
export function mailVerificationLink(userId: string, actor: Actor, reserved = false): void {
  void sendVerificationMail(userId, actor, reserved).catch((error: unknown) => {
    logger.error({ err: errorSummary(error), userId }, "could not send the e-mail verification mail");
  });
}

async function sendVerificationMail(userId: string, actor: Actor, reserved: boolean): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, email: true, emailVerified: true, language: true },
  });
  if (!user || user.email === "" || user.emailVerified) return;
  if (!reserved && (await reserveMail("link", user.id, user.email)).throttled) {
    logger.info({ userId }, "verification mail not sent: this account's or address's mail limit is reached");
    return;
  }
  const link = `${config.APP_URL}/email/verify?${new URLSearchParams({ token: verificationToken(user) })}`;
  const days = Math.round((config.EMAIL_VERIFY_TIMEOUT / 86400) * 10) / 10;
  const locale = mailLocale(user.language, actor);
  const texts = catalog(locale).mail.verification;
  await sendMail({
    to: user.email,
    subject: texts.subject,
    text: formatMessage(texts.body, { username: user.username, link, days }, locale),
  });
  await recordEvent("email_verification_sent", user.id, actor);
}

export type ResendResult = { ok: true } | (Conflict & { reason: "no_email" | "already_verified" }) | Throttled;

/** POST /api/email/verify/resend and the account page: a new link, throttled like reset requests. */
export async function resendVerification(user: AuthenticatedUser, actor: Actor): Promise<ResendResult> {
  const row = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { email: true, emailVerified: true },
  });
  if (row.email === "") return { ...conflict(messages.noEmail), reason: "no_email" };
  if (row.emailVerified) return { ...conflict(messages.alreadyVerified), reason: "already_verified" };
  const reservation = await reserveVerificationMail(row.email, actor.clientAddress);
  if (reservation.throttled) return throttled(reservation.retryAfter);
  const mail = await reserveMail("link", user.id, row.email);
  if (mail.throttled) return throttled(mail.retryAfter);
  mailVerificationLink(user.id, actor, true);
  return { ok: true };
}
