import { messageParts, type Message } from "@/lib/messages";
import { catalog } from "@/lib/i18n/catalog";
import { formatMessage, placeholderNames } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";

// A message of the domain (lib/messages.ts: a code and its value) in words, from
// messages/<language>.json. Safe in the browser: the page forms render the server's field errors
// and their own schema's with it.

function textAt(locale: Locale, code: string): string | undefined {
  let node: unknown = catalog(locale);
  for (const part of code.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** The message's text in `locale`, its value in the one placeholder. */
export function renderMessage(message: Message, locale: Locale): string {
  const { code, value } = messageParts(message);
  const text = textAt(locale, code);
  // Only a bug gets here (codes are typed): show the code rather than nothing.
  if (text === undefined) return message;
  if (value === undefined) return text;
  const [name] = placeholderNames(text);
  return name === undefined ? text : formatMessage(text, { [name]: value }, locale);
}

/** DRF's field errors (`{"field": [message, …]}`) in `locale`: the field names stay as they are. */
export function renderErrors(errors: Record<string, readonly Message[]>, locale: Locale): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, list]) => [field, list.map((item) => renderMessage(item, locale))]),
  );
}
