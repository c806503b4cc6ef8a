/** "2026-11-27 05:00 UTC" (or "2026-11-27" by the day): the same on the server and in every browser, whatever its zone. */
export function formatUtc(iso: string, byDay = false): string {
  return byDay ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
