import { formatUtc } from "@/components/utc";
import { PendingButton } from "@/components/account/pending-button";

export type TokenRow = { id: string; name: string; created: string; last_used: string | null };

/** The person's live API tokens (never their keys); each row's form revokes that token. */
export function TokenList({ tokens, revoke }: { tokens: TokenRow[]; revoke: (formData: FormData) => Promise<void> }) {
  if (!tokens.length) return <p className="hint">You have no API tokens.</p>;
  return (
    <ul className="items" aria-label="API tokens">
      {tokens.map((token) => {
        const name = token.name || "Unnamed token";
        return (
          <li key={token.id} className="item">
            <div>
              <p className="item-title">{name}</p>
              <p className="meta">
                Created <time dateTime={token.created}>{formatUtc(token.created)}</time> ·{" "}
                {token.last_used ? (
                  <>
                    last used <time dateTime={token.last_used}>{formatUtc(token.last_used)}</time>
                  </>
                ) : (
                  "never used"
                )}
              </p>
            </div>
            <form action={revoke}>
              <input type="hidden" name="id" value={token.id} />
              <PendingButton className="danger">
                Revoke<span className="visually-hidden"> the token {name}</span>
              </PendingButton>
            </form>
          </li>
        );
      })}
    </ul>
  );
}
