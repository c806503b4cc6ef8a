import { FormError } from "@/components/form-error";
import { Notice } from "@/components/notice";
import { PendingButton } from "@/components/account/pending-button";

// Whether the account's address is verified, and a button for a new link (a plain form: it works
// without JavaScript). `outcome` is what the last press of the button did.

const OUTCOMES: Record<string, { notice?: string; error?: string }> = {
  sent: { notice: "Verification e-mail has been sent. Open the link in it to verify your address." },
  throttled: { error: "Too many links were asked for. Please try again later." },
  already_verified: { notice: "The e-mail address is already verified." },
  no_email: { error: "There is no e-mail address to verify." },
};

type Props = { email: string; verified: boolean; outcome?: string; resend: () => Promise<void> };

export function EmailStatus({ email, verified, outcome, resend }: Props) {
  const shown = (outcome && OUTCOMES[outcome]) || {};
  if (!email) return <p className="hint">No e-mail address: password reset links and security notices need one.</p>;
  return (
    <div className="email-status">
      <FormError message={shown.error} />
      <Notice message={shown.notice} />
      <p>
        {email} is <strong>{verified ? "verified" : "not verified yet"}</strong>.
      </p>
      {!verified && (
        <form action={resend}>
          <PendingButton>Send the verification link again</PendingButton>
        </form>
      )}
    </div>
  );
}
