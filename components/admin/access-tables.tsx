import { useTranslations } from "next-intl";
import { Timestamp } from "@/components/admin/timestamp";
import type { SessionSummary } from "@/lib/auth/session";
import type { TokenSummary } from "@/lib/tokens";

/** A user's live sessions: when each began and was last used, and from what (the raw User-Agent). */
export function SessionTable({ sessions }: { sessions: SessionSummary[] }) {
  const t = useTranslations("admin");
  if (!sessions.length) return <p className="meta">{t("noSessions")}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="sessions-caption" tabIndex={0}>
      <table className="admin-table">
        <caption id="sessions-caption" className="visually-hidden">
          {t("sessionsCaption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("signedIn")}</th>
            <th scope="col">{t("lastUsed")}</th>
            <th scope="col">{t("device")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                <Timestamp iso={session.created} />
              </td>
              <td>
                <Timestamp iso={session.last_used} />
              </td>
              <td className="user-agent">{session.user_agent || <span className="meta">{t("unknown")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A user's live API tokens: names and dates, never keys (only their hashes are stored). */
export function TokenTable({ tokens }: { tokens: TokenSummary[] }) {
  const t = useTranslations("admin");
  if (!tokens.length) return <p className="meta">{t("noTokens")}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="tokens-caption" tabIndex={0}>
      <table className="admin-table">
        <caption id="tokens-caption" className="visually-hidden">
          {t("tokensCaption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("tokenName")}</th>
            <th scope="col">{t("created")}</th>
            <th scope="col">{t("lastUsed")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name || <span className="meta">{t("unnamed")}</span>}</td>
              <td>
                <Timestamp iso={token.created} />
              </td>
              <td>
                <Timestamp iso={token.last_used} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
