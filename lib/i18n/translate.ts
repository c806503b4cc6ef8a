import type { Locale } from "@/lib/i18n/locale";

// STUB (branch i18n-pages): the i18n-api branch owns the real module, with this path and these
// signatures; it translates lib/messages.ts's English contract messages. Until the merge, the
// English text is returned unchanged.

/** A contract message ("This field is required.") in `locale`; unknown text unchanged. */
export function translateMessage(message: string, locale: Locale): string {
  void locale;
  return message;
}

/** Every message of a field-errors object in `locale`. */
export function translateErrors(errors: Record<string, string[]>, locale: Locale): Record<string, string[]> {
  void locale;
  return errors;
}
