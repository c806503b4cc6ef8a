import { shortUserAgent } from "@/components/account/describe";
import { formatUtc } from "@/components/utc";
import { PendingButton } from "@/components/account/pending-button";

export type SessionRow = { id: string; created: string; last_used: string; user_agent: string; current: boolean };

/** The person's signed-in browsers; each row's form ends that one session. */
export function SessionList({
  sessions,
  revoke,
}: {
  sessions: SessionRow[];
  revoke: (formData: FormData) => Promise<void>;
}) {
  return (
    <ul className="items" aria-label="Active sessions">
      {sessions.map((session) => {
        const device = shortUserAgent(session.user_agent);
        return (
          <li key={session.id} className="item">
            <div>
              <p className="item-title" title={session.user_agent}>
                {device}
                {session.current && <span className="badge">This device</span>}
              </p>
              <p className="meta">
                Signed in <time dateTime={session.created}>{formatUtc(session.created)}</time> · last used{" "}
                <time dateTime={session.last_used}>{formatUtc(session.last_used)}</time>
              </p>
            </div>
            <form action={revoke}>
              <input type="hidden" name="id" value={session.id} />
              <PendingButton className="danger">
                Revoke
                <span className="visually-hidden">
                  {" "}
                  {session.current ? "this session and log out" : `the session on ${device}`}
                </span>
              </PendingButton>
            </form>
          </li>
        );
      })}
    </ul>
  );
}
