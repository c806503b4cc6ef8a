import { useLocale } from "next-intl";
import { translateMessage } from "@/lib/i18n/translate";

/**
 * A form's confirmation ("saved", "sent"), read out politely rather than as an interrupting alert;
 * a contract message is shown in the page's language.
 */
export function Notice({ message }: { message?: string }) {
  const locale = useLocale();
  if (!message) return null;
  return (
    <p role="status" className="notice">
      {translateMessage(message, locale)}
    </p>
  );
}
