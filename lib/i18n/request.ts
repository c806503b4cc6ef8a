import { getRequestConfig } from "next-intl/server";
import { catalog } from "@/lib/i18n/catalog";
import { currentLocale } from "@/lib/i18n/current-locale";

// next-intl's request configuration (next.config.mjs names this file), without i18n routing: the
// addresses carry no language; the request's cookie or Accept-Language decides it.

export default getRequestConfig(async () => {
  const locale = await currentLocale();
  return { locale, messages: catalog(locale) };
});
