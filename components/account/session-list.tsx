import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { shortUserAgent } from "@/lib/user-agent";
import { formatUtc } from "@/lib/utc";
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
  const t = useTranslations("sessions");
  const devices = useTranslations("devices");
  return (
    <ul className="items" aria-label={t("label")}>
      {sessions.map((session) => {
        const device = shortUserAgent(session.user_agent, devices);
        const hidden = (chunks: ReactNode) => <span className="visually-hidden">{chunks}</span>;
        return (
          <li key={session.id} className="item">
            <div>
              <p className="item-title" title={session.user_agent}>
                {device}
                {session.current && <span className="badge">{t("thisDevice")}</span>}
              </p>
              <p className="meta">
                {t.rich("times", {
                  created: () => <time dateTime={session.created}>{formatUtc(session.created)}</time>,
                  lastUsed: () => <time dateTime={session.last_used}>{formatUtc(session.last_used)}</time>,
                })}
              </p>
            </div>
            <form action={revoke}>
              <input type="hidden" name="id" value={session.id} />
              <PendingButton className="danger">
                {session.current ? t.rich("revokeCurrent", { hidden }) : t.rich("revokeOther", { hidden, device })}
              </PendingButton>
            </form>
          </li>
        );
      })}
    </ul>
  );
}
