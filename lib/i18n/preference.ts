import "server-only";
import { cookies } from "next/headers";
import { prisma } from "@/lib/db";
import { isLocale, LANG_COOKIE, type Locale } from "@/lib/i18n/locale";

// A signed-in person's language, remembered on the account (User.language): the switcher stores
// it, signing in copies it into the `lang` cookie (on any device), and mails are written in it
// (lib/i18n/mail-locale.ts).

// As long as the device cookie: a choice of language outlives any one session.
const LANG_COOKIE_MAX_AGE = 365 * 86400;

/** Remembers the person's choice on their account (the language switcher, when signed in). */
export async function rememberLanguage(userId: string, locale: Locale): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId }, data: { language: locale } });
}

/** The `lang` cookie's attributes: not a secret (scripts may read it), for the whole site, a year. */
export function languageCookieOptions(secure: boolean) {
  return { httpOnly: false, sameSite: "lax", path: "/", secure, maxAge: LANG_COOKIE_MAX_AGE } as const;
}

/**
 * At sign-in (lib/login/login.ts's openSession, for every way of signing in): the account's
 * language, when it has one, becomes this browser's. Without one, the browser's own choice stays.
 */
export async function restoreLanguage(userId: string, secure: boolean): Promise<void> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { language: true } });
  if (isLocale(row?.language)) (await cookies()).set(LANG_COOKIE, row.language, languageCookieOptions(secure));
}
