// Which language a request is answered in, as Django's LocaleMiddleware decides it: the person's
// own choice (the `lang` cookie the switcher sets, or the language remembered on the account) and
// otherwise the client's Accept-Language. English is the default and the contract's language.

export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** The cookie the language switcher sets; the account's preference is copied into it at sign-in. */
export const LANG_COOKIE = "lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported language the client prefers most, or English. Ranges are matched by their primary
 * subtag ("ru-RU" is Russian); "*" and unknown languages do not count (Node's fetch sends "*");
 * q=0 means "not this one"; among equal weights the earlier range wins.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const range of acceptLanguage.slice(0, 1000).split(",")) {
    const [tag, ...parameters] = range.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (!isLocale(primary)) continue;
    const weight = parameters.map((parameter) => parameter.trim()).find((parameter) => /^q=/i.test(parameter));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { locale: primary, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** The request's language: a valid `lang` cookie first, then Accept-Language. */
export function localeOf(langCookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(langCookie) ? langCookie : negotiateLocale(acceptLanguage);
}
