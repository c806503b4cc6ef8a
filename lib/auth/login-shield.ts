import "server-only";
import { hasDeviceCookie } from "@/lib/auth/device-cookie";
import { clientAddressOf } from "@/lib/auth/request-info";
import { readCookie } from "@/lib/auth/cookies";
import { LANG_COOKIE, localeOf } from "@/lib/i18n/locale";
import { translateMessage } from "@/lib/i18n/translate";
import { messages } from "@/lib/messages";
import { knownAddressLock } from "@/lib/throttle";

// The decision behind lib/login-shield.cjs: is this POST /api/login from an address whose login
// lock this instance already knows? Then the answer is the contract's 429, written before Next.js
// handles the request. The address is worked out exactly as for every request (TRUST_PROXY,
// X-Forwarded-For), and only a lock the database reported counts, so this never refuses what the
// route would let through; it only makes the refusal cheap.

type ShieldAnswer = { status: number; headers: Record<string, string>; body: string };

function loginShield(
  peer: string,
  forwardedFor: string | undefined,
  cookie?: string,
  acceptLanguage?: string,
): ShieldAnswer | null {
  const cookies = cookie ? new Headers({ cookie }) : null;
  // A browser with a valid device cookie answers to its own counter, not the address's lock: the
  // route decides (lib/auth/device-cookie.ts). A forged cookie is no way past this check.
  if (cookies && hasDeviceCookie(cookies)) return null;
  // The peer is the socket's own address, read in this process: no header to authenticate.
  const lock = knownAddressLock(clientAddressOf(peer, forwardedFor ?? null));
  if (!lock) return null;
  // In the request's language, as lib/api/language.ts answers the route's own 429.
  const locale = localeOf(cookies && readCookie(cookies, LANG_COOKIE), acceptLanguage);
  return {
    status: 429,
    headers: {
      "content-type": "application/json",
      "retry-after": String(lock.retryAfter),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-language": locale,
      vary: "Accept-Language, Cookie",
    },
    body: JSON.stringify({ detail: translateMessage(messages.throttled(lock.retryAfter), locale) }),
  };
}

(globalThis as typeof globalThis & { vestibuleLoginShield?: typeof loginShield }).vestibuleLoginShield = loginShield;
