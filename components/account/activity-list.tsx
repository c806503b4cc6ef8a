import { useTranslations } from "next-intl";
import { eventSentence, whoElse } from "@/components/account/describe";
import { shortUserAgent } from "@/lib/user-agent";
import { formatUtc } from "@/lib/utc";

export type ActivityRow = { event: string; created: string; ip: string; user_agent: string };

function Activity({ event }: { event: ActivityRow }) {
  const t = useTranslations("activity");
  const events = useTranslations("events");
  const devices = useTranslations("devices");
  // A staff member's or the operator's action: no address or browser was recorded, say who.
  const by = whoElse(event, t);
  const words = {
    event: eventSentence(event.event, events),
    time: () => <time dateTime={event.created}>{formatUtc(event.created)}</time>,
  };
  return (
    <li className="activity">
      <p>
        {by
          ? t.rich("byWhom", { ...words, who: by })
          : event.ip
            ? t.rich("fromAddress", { ...words, ip: event.ip })
            : t.rich("plain", words)}
      </p>
      {!by && event.user_agent && (
        <p className="meta" title={event.user_agent}>
          {shortUserAgent(event.user_agent, devices)}
        </p>
      )}
    </li>
  );
}

/** The person's recent auth events, newest first, as sentences. */
export function ActivityList({ events }: { events: ActivityRow[] }) {
  const t = useTranslations("activity");
  if (!events.length) return <p className="hint">{t("nothingYet")}</p>;
  return (
    <ul className="items" aria-label={t("label")}>
      {events.map((event, index) => (
        <Activity key={`${event.created}-${index}`} event={event} />
      ))}
    </ul>
  );
}
