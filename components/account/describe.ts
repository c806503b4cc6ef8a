// How the account page words what the API returns as raw fields: user agents, events.

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
export function shortUserAgent(userAgent: string): string {
  const trimmed = userAgent.trim();
  if (!trimmed) return "Unknown device";
  const system = SYSTEMS.find(([pattern]) => pattern.test(trimmed))?.[1];
  for (const [pattern, browser] of BROWSERS) {
    const version = pattern.exec(trimmed)?.[1];
    if (version) return system ? `${browser} ${version} on ${system}` : `${browser} ${version}`;
  }
  return trimmed.split(/\s/)[0].slice(0, PROGRAM_NAME_MAX);
}

// lib/audit.ts's event names, as a person would say them.
const EVENT_SENTENCES: Record<string, string> = {
  login: "Signed in",
  login_failed: "Failed sign-in",
  login_throttled: "Sign-in refused after too many failures",
  logout: "Signed out",
  register: "Account created",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  password_reset: "Password reset",
  session_revoked: "A session was ended",
  token_created: "API token created",
  token_revoked: "API token revoked",
  user_deactivated: "Account deactivated",
  user_activated: "Account reactivated",
  staff_granted: "Staff access granted",
  staff_revoked: "Staff access removed",
  mfa_enabled: "Two-factor authentication turned on",
  mfa_disabled: "Two-factor authentication turned off",
  mfa_failed: "Wrong two-factor code",
  recovery_codes_generated: "New recovery codes made",
  recovery_code_used: "Signed in with a recovery code",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
  email_changed: "E-mail address changed",
  email_verification_sent: "Verification link sent",
  email_verified: "E-mail address verified",
  login_new_device: "Signed in from a new device",
};

/** "Signed in"; an event this page does not know yet still reads as words ("Some event"). */
export function eventSentence(event: string): string {
  const known = EVENT_SENTENCES[event];
  if (known) return known;
  const words = event.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// What lib/users/managed-users.ts and the manage command record instead of an address and a browser.
const NO_DEVICE: Record<string, string> = { staff: "by staff", manage: "from the command line" };

/** "by staff" for an event a staff member caused (their address and browser are not recorded), else null. */
export function whoElse(event: { ip: string; user_agent: string }): string | null {
  return event.ip === "" ? (NO_DEVICE[event.user_agent] ?? null) : null;
}
