// A User-Agent header in a few words: the account page's sessions and activity, and the security
// notices mailed to the owner (lib/email/notices.ts), word it alike.

/** The words of messages' "devices" (a page's `useTranslations("devices")`). */
export type DeviceWords = (key: "unknown" | "browserOnSystem", values?: { browser: string; system: string }) => string;
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
