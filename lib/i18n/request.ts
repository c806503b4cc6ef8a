import { getRequestConfig } from "next-intl/server";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import type { Locale } from "@/lib/i18n/locale";
import { currentLocale } from "@/lib/i18n/current-locale";

// next-intl's request configuration (next.config.mjs names this file), without i18n routing: the
// addresses carry no language; the request's cookie or Accept-Language decides it.

const MESSAGES: Record<Locale, typeof en> = { en, ru };

export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: MESSAGES[locale] };
});
