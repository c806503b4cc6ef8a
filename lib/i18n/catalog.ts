import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import type { Locale } from "@/lib/i18n/locale";

// The texts of each language, one file per language (messages/<code>.json), shared by the pages
// (next-intl), the API's messages and the mails. lib/i18n/catalog.test.ts fails when a key is
// missing from either file, is empty, or has other placeholders than its English original.

export type Catalog = typeof en;

export const CATALOGS: Record<Locale, Catalog> = { en, ru };

export function catalog(locale: Locale): Catalog {
  return CATALOGS[locale];
}
