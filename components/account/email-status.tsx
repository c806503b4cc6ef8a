import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-error";
import { Notice } from "@/components/notice";
import { PendingButton } from "@/components/account/pending-button";
import { message } from "@/lib/messages";

// Whether the account's address is verified, and a button for a new link (a plain form: it works
// without JavaScript). `outcome` is what the last press of the button did.

const OUTCOMES: Record<string, { notice?: "sent" | "alreadyVerified"; error?: "throttled" | "noEmail" }> = {
  sent: { notice: "sent" },
  throttled: { error: "throttled" },
  already_verified: { notice: "alreadyVerified" },
  no_email: { error: "noEmail" },
};

type Props = { email: string; verified: boolean; outcome?: string; resend: () => Promise<void> };

export function EmailStatus({ email, verified, outcome, resend }: Props) {
  const t = useTranslations("emailStatus");
  const shown = (outcome && OUTCOMES[outcome]) || {};
  if (!email) return <p className="hint">{t("noAddress")}</p>;
  return (
    <div className="email-status">
      <FormError message={shown.error && message(`emailStatus.${shown.error}`)} />
      <Notice message={shown.notice && message(`emailStatus.${shown.notice}`)} />
      <p>{t.rich(verified ? "verified" : "notVerified", { email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      {!verified && (
        <form action={resend}>
          <PendingButton>{t("resend")}</PendingButton>
        </form>
      )}
    </div>
  );
}
