import "server-only";
import { cookies, headers } from "next/headers";
import { LANG_COOKIE, localeOf, type Locale } from "@/lib/i18n/locale";

// Apart from request-locale.ts, which the manage CLI's mail path loads: next/headers is for
// pages and server actions only.

/** The language of the page being rendered or of the server action being run. */
export async function currentLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return localeOf(cookieStore.get(LANG_COOKIE)?.value, headerList.get("accept-language"));
}
