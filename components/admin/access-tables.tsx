import { Timestamp } from "@/components/admin/timestamp";
import type { SessionSummary } from "@/lib/auth/sessions";
import type { TokenSummary } from "@/lib/tokens";

/** A user's live sessions: when each began and was last used, and from what (the raw User-Agent). */
export function SessionTable({ sessions }: { sessions: SessionSummary[] }) {
  if (!sessions.length) return <p className="meta">No active sessions.</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="sessions-caption" tabIndex={0}>
      <table className="admin-table">
        <caption id="sessions-caption" className="visually-hidden">
          Active sessions
        </caption>
        <thead>
          <tr>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">Device</th>
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
              <td className="user-agent">{session.user_agent || <span className="meta">Unknown</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A user's live API tokens: names and dates, never keys (only their hashes are stored). */
export function TokenTable({ tokens }: { tokens: TokenSummary[] }) {
  if (!tokens.length) return <p className="meta">No API tokens.</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="tokens-caption" tabIndex={0}>
      <table className="admin-table">
        <caption id="tokens-caption" className="visually-hidden">
          API tokens
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name || <span className="meta">Unnamed</span>}</td>
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
