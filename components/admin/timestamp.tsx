import { useTranslations } from "next-intl";
import { formatUtc } from "@/lib/utc";

/** A machine-readable time, shown in UTC (by the day, with the full time on hover); `never` when there is none. */
export function Timestamp({ iso, never, byDay = false }: { iso: string | null; never?: string; byDay?: boolean }) {
  const t = useTranslations("admin");
  if (!iso) return <span className="meta">{never ?? t("never")}</span>;
  return (
    <time dateTime={iso} title={byDay ? formatUtc(iso) : undefined}>
      {formatUtc(iso, byDay)}
    </time>
  );
}
