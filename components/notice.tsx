import { useLocale } from "next-intl";
import { renderMessage } from "@/lib/i18n/render-message";
import type { Message } from "@/lib/messages";

/**
 * A form's confirmation ("saved", "sent"), read out politely rather than as an interrupting alert,
 * in the page's language.
 */
export function Notice({ message }: { message?: Message }) {
  const locale = useLocale();
  if (!message) return null;
  return (
    <p role="status" className="notice">
      {renderMessage(message, locale)}
    </p>
  );
}
