import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { PendingButton } from "@/components/account/pending-button";
import { RemovePasskey } from "@/components/mfa/passkey-list";
import type { FormAction } from "@/components/use-action-form";
import { formatUtc } from "@/lib/utc";
import type { ProviderSummary } from "@/lib/auth/providers";
import type { WaysInReview } from "@/lib/ways-in-review";

type Props = {
  review: WaysInReview;
  providers: ProviderSummary[];
  disconnect: (formData: FormData) => Promise<void>;
  removePasskey: FormAction;
  keep: (formData: FormData) => Promise<void>;
};

/** A rich-text tag's content: the moment, as every time on the page is shown. */
function when(iso: string) {
  return function Time() {
    return <time dateTime={iso}>{formatUtc(iso)}</time>;
  };
}

/**
 * The ways in made before a reset, "log out everywhere" or a first verification
 * (lib/ways-in-review.ts): each with the remove button it has elsewhere on the page, and one
 * "Keep these" for the rest.
 */
export function WaysInReviewPanel({ review, providers, disconnect, removePasskey, keep }: Props) {
  const t = useTranslations("waysInReview");
  const nameOf = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id;
  const hidden = (chunks: ReactNode) => <span className="visually-hidden">{chunks}</span>;
  return (
    <>
      <p>{t.rich("intro", { time: when(review.opened) })}</p>
      <ul className="items" aria-label={t("label")}>
        {review.connections.map((connection) => (
          <li key={connection.id} className="item">
            <div>
              <p className="item-title">{nameOf(connection.provider)}</p>
              <p className="meta">{t.rich("provider", { time: when(connection.created) })}</p>
            </div>
            <form action={disconnect}>
              <input type="hidden" name="id" value={connection.id} />
              <PendingButton className="danger">
                {t.rich("remove", { name: nameOf(connection.provider), hidden })}
              </PendingButton>
            </form>
          </li>
        ))}
        {review.passkeys.map((passkey) => (
          <li key={passkey.id} className="item">
            <div>
              <p className="item-title">{passkey.name}</p>
              <p className="meta">{t.rich("passkey", { time: when(passkey.created) })}</p>
            </div>
            <RemovePasskey passkey={passkey} action={removePasskey} idPrefix="review-passkey" />
          </li>
        ))}
      </ul>
      <form action={keep}>
        <input type="hidden" name="opened" value={review.opened} />
        <PendingButton>{t("keep")}</PendingButton>
      </form>
    </>
  );
}
