import "server-only";
import { readCookie } from "@/lib/auth/cookies";
import { LANG_COOKIE, localeOf, type Locale } from "@/lib/i18n/locale";

/** The language a request is answered in: its `lang` cookie, else its Accept-Language, else English. */
export function requestLocale(headers: Headers): Locale {
  return localeOf(readCookie(headers, LANG_COOKIE), headers.get("accept-language"));
}
