import { formatUtc } from "@/components/utc";

/** A machine-readable time, shown in UTC (by the day, with the full time on hover); `never` when there is none. */
export function Timestamp({
  iso,
  never = "Never",
  byDay = false,
}: {
  iso: string | null;
  never?: string;
  byDay?: boolean;
}) {
  if (!iso) return <span className="meta">{never}</span>;
  return (
    <time dateTime={iso} title={byDay ? formatUtc(iso) : undefined}>
      {formatUtc(iso, byDay)}
    </time>
  );
}
