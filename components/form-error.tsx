import { useLocale } from "next-intl";
import { renderMessage } from "@/lib/i18n/render-message";
import type { Message } from "@/lib/messages";

/**
 * The error of a whole form (not of one field), announced as soon as it appears, in the page's
 * language (a message's code, as actions and the domain return it: lib/messages.ts).
 */
export function FormError({ message }: { message?: Message }) {
  const locale = useLocale();
  if (!message) return null;
  return (
    <p role="alert" className="form-error">
      {renderMessage(message, locale)}
    </p>
  );
}
