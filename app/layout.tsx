import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { chooseLanguageAction } from "@/app/language/actions";
import { LanguageSwitcher } from "@/components/language-switcher";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("layout");
  return {
    title: { template: "%s · Vestibule", default: "Vestibule" },
    description: t("description"),
  };
}

// The language comes from the request (lib/i18n/request.ts): the `lang` cookie, else Accept-Language.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <header className="site-header">
            <Link href="/" className="brand">
              Vestibule
            </Link>
            <LanguageSwitcher action={chooseLanguageAction} />
          </header>
          <main>{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
