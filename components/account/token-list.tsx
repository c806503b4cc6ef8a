import { useTranslations } from "next-intl";
import { formatUtc } from "@/lib/utc";
import { PendingButton } from "@/components/account/pending-button";

export type TokenRow = { id: string; name: string; created: string; last_used: string | null };

/** The person's live API tokens (never their keys); each row's form revokes that token. */
export function TokenList({ tokens, revoke }: { tokens: TokenRow[]; revoke: (formData: FormData) => Promise<void> }) {
  const t = useTranslations("tokens");
  if (!tokens.length) return <p className="hint">{t("none")}</p>;
  return (
    <ul className="items" aria-label={t("label")}>
      {tokens.map((token) => {
        const name = token.name || t("unnamed");
        const created = () => <time dateTime={token.created}>{formatUtc(token.created)}</time>;
        return (
          <li key={token.id} className="item">
            <div>
              <p className="item-title">{name}</p>
              <p className="meta">
                {token.last_used
                  ? t.rich("createdAndUsed", {
                      created,
                      lastUsed: () => <time dateTime={token.last_used ?? ""}>{formatUtc(token.last_used ?? "")}</time>,
                    })
                  : t.rich("createdNeverUsed", { created })}
              </p>
            </div>
            <form action={revoke}>
              <input type="hidden" name="id" value={token.id} />
              <PendingButton className="danger">
                {t.rich("revoke", { name, hidden: (chunks) => <span className="visually-hidden">{chunks}</span> })}
              </PendingButton>
            </form>
          </li>
        );
      })}
    </ul>
  );
}
