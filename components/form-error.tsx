import { useLocale } from "next-intl";
import { translateMessage } from "@/lib/i18n/translate";

/**
 * The error of a whole form (not of one field), announced as soon as it appears. A contract
 * message (lib/messages.ts, as actions and the domain return it) is shown in the page's language.
 */
export function FormError({ message }: { message?: string }) {
  const locale = useLocale();
  if (!message) return null;
  return (
    <p role="alert" className="form-error">
      {translateMessage(message, locale)}
    </p>
  );
}
