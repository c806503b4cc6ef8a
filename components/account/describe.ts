import type { useTranslations } from "next-intl";

// How the account page words what the API returns as raw fields: user agents, events.

/** The words of messages' "devices" (a page's `useTranslations("devices")`). */
export type DeviceWords = (key: "unknown" | "browserOnSystem", values?: { browser: string; system: string }) => string;
type EventWords = ReturnType<typeof useTranslations<"events">>;
type ActivityWords = ReturnType<typeof useTranslations<"activity">>;

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and Android and
// iOS also say "Linux" and "Mac OS X".
const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, "Chrome"],
  [/Version\/(\d+).*Safari\//, "Safari"],
];

const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

const PROGRAM_NAME_MAX = 40;

/** "Chrome 131 on Linux", or a script's own name ("curl/8.5.0"), from a User-Agent header. */
export function shortUserAgent(userAgent: string, t: DeviceWords): string {
  const trimmed = userAgent.trim();
  if (!trimmed) return t("unknown");
  const system = SYSTEMS.find(([pattern]) => pattern.test(trimmed))?.[1];
  for (const [pattern, name] of BROWSERS) {
    const version = pattern.exec(trimmed)?.[1];
    if (version) return system ? t("browserOnSystem", { browser: `${name} ${version}`, system }) : `${name} ${version}`;
  }
  return trimmed.split(/\s/)[0].slice(0, PROGRAM_NAME_MAX);
}

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
