import { eventSentence, shortUserAgent, whoElse } from "@/components/account/describe";
import { formatUtc } from "@/components/utc";

export type ActivityRow = { event: string; created: string; ip: string; user_agent: string };

function Activity({ event }: { event: ActivityRow }) {
  // A staff member's or the operator's action: no address or browser was recorded, say who.
  const by = whoElse(event);
  return (
    <li className="activity">
      <p>
        {eventSentence(event.event)}
        {by ? ` ${by}` : event.ip && ` from ${event.ip}`} at{" "}
        <time dateTime={event.created}>{formatUtc(event.created)}</time>
      </p>
      {!by && event.user_agent && (
        <p className="meta" title={event.user_agent}>
          {shortUserAgent(event.user_agent)}
        </p>
      )}
    </li>
  );
}

/** The person's recent auth events, newest first, as sentences. */
export function ActivityList({ events }: { events: ActivityRow[] }) {
  if (!events.length) return <p className="hint">Nothing yet.</p>;
  return (
    <ul className="items" aria-label="Recent activity">
      {events.map((event, index) => (
        <Activity key={`${event.created}-${index}`} event={event} />
      ))}
    </ul>
  );
}
