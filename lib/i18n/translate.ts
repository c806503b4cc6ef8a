import { catalog, type Catalog } from "@/lib/i18n/catalog";
import { parseMessage, formatMessage, type Values } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";

// The API's messages in another language, gettext-style: the English text lib/messages.ts makes
// is the message id, looked up in messages/en.json's "api" namespace and answered with the same
// key's text in the wanted language. A message with parameters ("… no more than 150 characters.")
// is recognised by its literal parts, and its values carried over. Anything unknown comes back
// as it was. Safe in the browser: the page forms translate the server's field errors with it.

type Entry = { literals: string[]; names: string[]; key: string[] };
type Index = { exact: Map<string, string[]>; templates: Entry[] };

let index: Index | undefined;

function leaves(tree: Record<string, unknown>, path: string[] = []): Array<[string[], string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[[...path, key], value] as [string[], string]]
      : leaves(value as Record<string, unknown>, [...path, key]),
  );
}

/** The English messages, by text: exact ones in a map, those with placeholders as literal parts around them. */
function englishIndex(): Index {
  if (index) return index;
  const built: Index = { exact: new Map(), templates: [] };
  for (const [key, text] of leaves(catalog(DEFAULT_LOCALE).api)) {
    const parts = parseMessage(text);
    if (parts.every((part) => typeof part === "string")) {
      built.exact.set(parts.join(""), key);
      continue;
    }
    const literals = [""];
    const names: string[] = [];
    for (const part of parts) {
      if (typeof part === "string") literals[literals.length - 1] += part;
      else {
        names.push(part.name);
        literals.push("");
      }
    }
    built.templates.push({ literals, names, key });
  }
  index = built;
  return built;
}

/** The placeholders' values when `message` is `entry`'s text, else null. Linear: indexOf, never a regular expression. */
function matchTemplate(message: string, { literals, names }: Entry): Values | null {
  const last = literals[literals.length - 1];
  if (!message.startsWith(literals[0]) || !message.endsWith(last)) return null;
  if (message.length < literals[0].length + last.length) return null;
  const end = message.length - last.length;
  const values: Values = {};
  let position = literals[0].length;
  for (let i = 0; i < names.length; i += 1) {
    const next = i + 1 === names.length ? end : message.indexOf(literals[i + 1], position);
    if (next === -1 || next > end) return null;
    values[names[i]] = message.slice(position, next);
    position = next + literals[i + 1].length;
  }
  return values;
}

function textAt(tree: Catalog["api"], key: string[]): string | undefined {
  let node: unknown = tree;
  for (const part of key) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** An English message of the contract (as lib/messages.ts makes it) in `locale`; unknown text unchanged. */
export function translateMessage(message: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return message;
  const { exact, templates } = englishIndex();
  const key = exact.get(message);
  if (key) return textAt(catalog(locale).api, key) ?? message;
  for (const entry of templates) {
    const values = matchTemplate(message, entry);
    if (!values) continue;
    const text = textAt(catalog(locale).api, entry.key);
    return text === undefined ? message : formatMessage(text, values, locale);
  }
  return message;
}

/** DRF's field errors (`{"field": ["message", …]}`) in `locale`: the field names stay as they are. */
export function translateErrors(errors: Record<string, string[]>, locale: Locale): Record<string, string[]> {
  if (locale === DEFAULT_LOCALE) return errors;
  return Object.fromEntries(
    Object.entries(errors).map(([field, list]) => [field, list.map((message) => translateMessage(message, locale))]),
  );
}
