import "server-only";
import type { Locale } from "@/lib/i18n/locale";

// STUB (branch i18n-pages): the i18n-api branch owns the real module, with this path and this
// signature; it stores the language on the account. Until the merge, nothing is stored.

/** Remembers `locale` as the language of the account `userId`. */
export async function rememberLanguage(userId: string, locale: Locale): Promise<void> {
  void userId;
  void locale;
}
