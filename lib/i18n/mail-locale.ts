import "server-only";
import type { Actor } from "@/lib/audit";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locale";
import { requestLocale } from "@/lib/i18n/request-locale";

/**
 * The language of a mail to a person: their stored choice; else, when they caused the mail
 * themselves (registering, asking for a reset), their request's language; else English. A staff
 * member's request or the command line says nothing about the recipient's language.
 */
export function mailLocale(stored: string | null | undefined, actor: Actor): Locale {
  if (isLocale(stored)) return stored;
  if (actor.staffUserId || !actor.clientAddress) return DEFAULT_LOCALE;
  return requestLocale(actor.headers);
}
