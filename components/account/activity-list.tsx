import { eventSentence, formatUtc, shortUserAgent } from "@/components/account/describe";

export type ActivityRow = { event: string; created: string; ip: string; user_agent: string };

/** The person's recent auth events, newest first, as sentences. */
export function ActivityList({ events }: { events: ActivityRow[] }) {
  if (!events.length) return <p className="hint">Nothing yet.</p>;
  return (
    <ul className="items" aria-label="Recent activity">
      {events.map((event, index) => (
        <li key={`${event.created}-${index}`} className="activity">
          <p>
            {eventSentence(event.event)}
            {event.ip && ` from ${event.ip}`} at <time dateTime={event.created}>{formatUtc(event.created)}</time>
          </p>
          {event.user_agent && (
            <p className="meta" title={event.user_agent}>
              {shortUserAgent(event.user_agent)}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
