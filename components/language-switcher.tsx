"use client";

import { useLocale, useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { LOCALES, type Locale } from "@/lib/i18n/locale";

// Each language is named in itself, whatever the page's language: a person who cannot read the
// current one still finds their own.
const NAMES: Record<Locale, string> = { en: "English", ru: "Русский" };

/**
 * The header's language choice: one button per language in a form that posts to `action` with the
 * page to come back to (read on every render: the layout stays mounted while a person navigates).
 */
export function LanguageSwitcher({ action }: { action: (formData: FormData) => Promise<void> }) {
  const t = useTranslations("layout");
  const current = useLocale();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  return (
    <form action={action} className="language-switcher" aria-label={t("language")}>
      <input type="hidden" name="next" value={query ? `${pathname}?${query}` : pathname} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="lang"
          value={locale}
          lang={locale}
          className={locale === current ? "small" : "secondary small"}
          aria-pressed={locale === current}
        >
          {NAMES[locale]}
        </button>
      ))}
    </form>
  );
}
