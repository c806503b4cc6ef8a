import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { errorSummary, logger } from "@/lib/logger";
import { catalog } from "@/lib/i18n/catalog";
import { formatMessage } from "@/lib/i18n/format";
import { mailLocale } from "@/lib/i18n/mail-locale";
import { sendMail } from "@/lib/mail";
import { messages } from "@/lib/messages";
import { validatePassword } from "@/lib/password-validation";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { reserveMail, reservePasswordReset } from "@/lib/throttle";
import { setPassword } from "@/lib/users/account";

// Django's PasswordResetTokenGenerator, with one more property: a token is an HMAC (keyed by
// AUTH_SECRET) of the user's id, password hash, last login, e-mail, the newest request's time and
// the token's own time. So it expires, is single-use (setting the password changes the hash),
// and dies when a newer link is issued (the newest request's time changes). Nothing is stored
// but that time.

type ResetState = {
  id: string;
  password: string;
  email: string;
  lastLogin: Date | null;
  resetRequestedAt: Date | null;
};

function signature(user: ResetState, issuedAt: number): string {
  const material = [
    "vestibule.password-reset",
    user.id,
    user.password,
    user.lastLogin?.getTime() ?? "",
    user.email,
    user.resetRequestedAt?.getTime() ?? "",
    issuedAt,
  ].join("|");
  return createHmac("sha256", config.AUTH_SECRET).update(material).digest("base64url");
}

function makeToken(user: ResetState, issuedAt: number): string {
  return `${issuedAt.toString(36)}-${signature(user, issuedAt)}`;
}

function tokenIsValid(user: ResetState, token: string): boolean {
  const match = /^([0-9a-z]{1,12})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const issuedAt = parseInt(match[1], 36);
  if (Date.now() - issuedAt > config.PASSWORD_RESET_TIMEOUT * 1000 || issuedAt > Date.now() + 60_000) return false;
  return timingSafeEqual(Buffer.from(match[2]), Buffer.from(signature(user, issuedAt)));
}

const encodeUid = (id: string) => Buffer.from(id).toString("base64url");
/** The user id in a link, or null: ids are cuids, and anything else must not reach the database. */
function decodeUid(uid: string): string | null {
  const id = Buffer.from(uid, "base64url").toString("utf8");
  return /^[a-z0-9]{1,64}$/.test(id) ? id : null;
}

export type ResetRequestResult = { ok: true } | Throttled;

/**
 * Mails a reset link to every active account that has verified this address: a link that hands
 * over an account goes only to an inbox its owner proved (anyone can type any address into a
 * registration), and within THROTTLE_MAIL per account and address. The answer is the same whether
 * or not there is one (no account enumeration), and the mail goes out after the answer, so the
 * timing does not tell either.
 */
export async function requestPasswordReset(email: string, actor: Actor): Promise<ResetRequestResult> {
  const reservation = await reservePasswordReset(email, actor.clientAddress);
  if (reservation.throttled) return throttled(reservation.retryAfter);
  // Django's email__iexact. Raw SQL because SQLite's client has no case-insensitive mode; the
  // quoted names are the same on SQLite and PostgreSQL.
  const users = await prisma.$queryRaw<
    Array<{ id: string }>
  >`SELECT "id" FROM "User" WHERE lower("email") = lower(${email}) AND "isActive" = true AND "emailVerified" IS NOT NULL`;
  for (const { id } of users) {
    void mailResetLink(id, actor).catch((error: unknown) => {
      logger.error({ err: errorSummary(error), userId: id }, "could not send the password reset mail");
    });
  }
  return { ok: true };
}

// What a reset link is made from and checked against (makeToken), and the name it greets.
const LINK_STATE = {
  id: true,
  password: true,
  email: true,
  lastLogin: true,
  resetRequestedAt: true,
  username: true,
} as const;

async function mailResetLink(userId: string, actor: Actor): Promise<void> {
  const current = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if ((await reserveMail("link", userId, current.email)).throttled) {
    logger.info({ userId }, "password reset mail not sent: this account's or address's mail limit is reached");
    return;
  }
  const issuedAt = Date.now();
  const user = await prisma.user.update({
    where: { id: userId },
    data: { resetRequestedAt: new Date(issuedAt) },
    select: { ...LINK_STATE, language: true },
  });
  const link = `${config.APP_URL}/password/reset/confirm?${new URLSearchParams({ uid: encodeUid(user.id), token: makeToken(user, issuedAt) })}`;
  const locale = mailLocale(user.language, actor);
  const texts = catalog(locale).mail.reset;
  const minutes = Math.round(config.PASSWORD_RESET_TIMEOUT / 60);
  await sendMail({
    to: user.email,
    subject: texts.subject,
    text: formatMessage(texts.body, { username: user.username, link, minutes }, locale),
  });
  await recordEvent("password_reset_requested", user.id, actor);
}

export type ResetConfirmInput = { uid: string; token: string; new_password: string };
export type ResetConfirmResult = { ok: true } | Invalid;

const invalidLink = (field: "uid" | "token"): Invalid => invalid({ [field]: [messages.invalidValue] });

/** Sets the new password from a valid link; every session and token of the user ends. */
export async function confirmPasswordReset(input: ResetConfirmInput, actor: Actor): Promise<ResetConfirmResult> {
  const id = decodeUid(input.uid);
  if (!id) return invalidLink("uid");
  const user = await prisma.user.findUnique({
    where: { id },
    select: { ...LINK_STATE, firstName: true, lastName: true, isActive: true },
  });
  if (!user || !user.isActive) return invalidLink("uid");
  if (!tokenIsValid(user, input.token)) return invalidLink("token");
  const problems = validatePassword(input.new_password, {
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
  });
  if (problems.length) return invalid({ new_password: problems });

  await setPassword(user.id, input.new_password, undefined, actor);
  await recordEvent("password_reset", user.id, actor);
  return { ok: true };
}
