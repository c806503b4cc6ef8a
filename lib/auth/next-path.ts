// Where to send a person after logging in or registering: the `next` they came with, but only
// when it stays on this site. Anything else would make our login page an open redirect
// (https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html).

const FALLBACK = "/";
const MAX_LENGTH = 2048;
const BASE = "http://vestibule.invalid";

// Control characters: browsers drop tabs and newlines from URLs, so "/\t/evil.example" would
// become "//evil.example", a link to another host.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

// Browsers read "\" as "/" in URLs ("/\evil.example" is "//evil.example"). Encoded backslashes
// and a leading encoded slash are refused too, in case a proxy decodes the path before use.
const ENCODED_SEPARATOR = /%5c|^\/%2f/i;

/** `value` when it is a same-site relative path ("/account?x=1"), else "/". */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH) return FALLBACK;
  if (!value.startsWith("/") || value.startsWith("//")) return FALLBACK;
  if (value.includes("\\") || CONTROL.test(value) || ENCODED_SEPARATOR.test(value)) return FALLBACK;
  // Belt and braces: the browser's own parser must agree that the path stays on this origin.
  try {
    return new URL(value, BASE).origin === BASE ? value : FALLBACK;
  } catch {
    return FALLBACK;
  }
}
