import type { useTranslations } from "next-intl";

// How the account page words what the API returns as raw fields: user agents (lib/user-agent.ts), events.

type EventWords = ReturnType<typeof useTranslations<"events">>;
type ActivityWords = ReturnType<typeof useTranslations<"activity">>;

/** "Signed in" (the messages' "events", keyed by lib/audit.ts's names); an unknown event still reads as words. */
export function eventSentence(event: string, t: EventWords): string {
  const key = event as Parameters<EventWords>[0];
  if (t.has(key)) return t(key);
  const words = event.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// What lib/users/managed-users.ts and the manage command record instead of an address and a browser.
const NO_DEVICE: Record<string, "byStaff" | "byCommandLine"> = { staff: "byStaff", manage: "byCommandLine" };

/** "by staff" for an event a staff member caused (their address and browser are not recorded), else null. */
export function whoElse(event: { ip: string; user_agent: string }, t: ActivityWords): string | null {
  const who = event.ip === "" ? NO_DEVICE[event.user_agent] : undefined;
  return who ? t(who) : null;
}
