import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readCookie } from "@/lib/auth/cookies";
import { config } from "@/lib/env";

// OWASP's device cookies ("Slow Down Online Guessing Attacks with Device Cookies"): a successful
// login leaves a signed cookie naming that account on that browser. A login attempt that presents
// one for the username it names is counted against that device alone (lib/throttle.ts), so a
// stranger's failed guesses, which lock the username for everyone without one, never lock its
// owner out of a browser they have signed in from.
//
// One cookie holds the entries of the last few accounts signed in on the browser, each
// `<issued>.<nonce>.<account tag>.<mac>`: the tag is an HMAC of the account's id and credentials
// stamp (no name in clear), the mac (keyed by AUTH_SECRET) covers the rest, and the nonce names the
// device's own counter. Naming the id, not the username, a username deleted and registered again
// inherits no trust; naming the stamp, a password change or reset, or "log out everywhere", ends
// the trust of every browser signed in before it.

const NAME = "vestibule.device";
// __Host- makes the browser refuse the cookie unless Secure, Path=/ and host-only.
const SECURE_NAME = "__Host-vestibule.device";
export const DEVICE_COOKIE_MAX_AGE = 365 * 86400;
// Accounts remembered per browser: a shared computer's few regular users.
const MAX_ENTRIES = 5;
const ENTRY = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const hmac = (material: string) => createHmac("sha256", config.AUTH_SECRET).update(material).digest("base64url");
/** The account a device cookie entry names: its id and the credentials stamp it was signed in under. */
export type DeviceAccount = { id: string; credentialsVersion: number };
const accountTag = (account: DeviceAccount) =>
  hmac(`vestibule.device-account|${account.id}|${account.credentialsVersion}`).slice(0, 22);
const mac = (issued: string, nonce: string, tag: string) => hmac(`vestibule.device|${issued}|${nonce}|${tag}`);

type Entry = { text: string; nonce: string; tag: string };

function validEntries(headers: Headers): Entry[] {
  const values = [readCookie(headers, SECURE_NAME), readCookie(headers, NAME)].filter((value): value is string =>
    Boolean(value),
  );
  const now = Date.now();
  return values
    .flatMap((value) => value.split("~"))
    .slice(0, MAX_ENTRIES * 2)
    .flatMap((text) => {
      const match = ENTRY.exec(text);
      if (!match) return [];
      const [, issued, nonce, tag, signature] = match;
      const age = now - parseInt(issued, 36);
      if (age > DEVICE_COOKIE_MAX_AGE * 1000 || age < -60_000) return [];
      const expected = mac(issued, nonce, tag);
      return timingSafeEqual(Buffer.from(signature), Buffer.from(expected)) ? [{ text, nonce, tag }] : [];
    });
}

/** True when the request carries a valid device cookie entry for any account (no database read before it). */
export function carriesDeviceCookie(headers: Headers): boolean {
  return validEntries(headers).length > 0;
}

/** The device id (the nonce) when the request carries a valid device cookie for this account and stamp, else null. */
export function trustedDevice(headers: Headers, account: DeviceAccount | null): string | null {
  if (!account) return null;
  const tag = accountTag(account);
  return validEntries(headers).find((entry) => entry.tag === tag)?.nonce ?? null;
}

/**
 * The id of the first valid device cookie entry the request carries, for any account, else null:
 * the login shield neither refuses such a request for its address's lock nor makes it wait behind
 * its address's other logins (it waits behind its own device's only).
 */
export function anyDeviceId(headers: Headers): string | null {
  return validEntries(headers)[0]?.nonce ?? null;
}

/** After a successful login: a fresh entry for this account first, the browser's other accounts kept. */
export function deviceCookieAfterLogin(
  headers: Headers,
  account: DeviceAccount,
  secure: boolean,
): {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "strict"; secure: boolean; path: "/"; maxAge: number };
} {
  const tag = accountTag(account);
  const issued = Date.now().toString(36);
  const nonce = randomBytes(16).toString("base64url");
  const others = validEntries(headers)
    .filter((entry) => entry.tag !== tag)
    .map((entry) => entry.text);
  const value = [`${issued}.${nonce}.${tag}.${mac(issued, nonce, tag)}`, ...others].slice(0, MAX_ENTRIES).join("~");
  return {
    name: secure ? SECURE_NAME : NAME,
    value,
    options: { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE },
  };
}
