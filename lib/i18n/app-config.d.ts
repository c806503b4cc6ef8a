import type en from "@/messages/en.json";
import type { Locale } from "@/lib/i18n/locale";

// Typed messages: a key that en.json lacks is a type error, not a raw key on a page.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
