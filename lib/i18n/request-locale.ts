import "server-only";
import { cookies, headers } from "next/headers";
import { LANG_COOKIE, localeOf, type Locale } from "@/lib/i18n/locale";

/** The language of the request being rendered or of the server action being run. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return localeOf(cookieStore.get(LANG_COOKIE)?.value, headerList.get("accept-language"));
}
