import "server-only";
import { anyDeviceId } from "@/lib/auth/device-cookie";
import { clientAddressOf } from "@/lib/auth/request-info";
import { readCookie } from "@/lib/auth/cookies";
import { LANG_COOKIE, localeOf } from "@/lib/i18n/locale";
import { renderMessage } from "@/lib/i18n/render-message";
import { messages, type Message } from "@/lib/messages";
import { HASH_QUEUE_SECONDS } from "@/lib/passwords";
import { knownAddressLock } from "@/lib/throttle";
import { throttleKeyOf } from "@/lib/throttle-key";

// The decisions behind lib/login-shield.cjs, for a POST /api/login before Next.js handles it:
// which address it counts against (the preload lets a few of one address's logins into the app at
// a time, and answers one that waited too long as the hashing queue does), and whether this
// instance already knows that address's login lock (then the answer is the contract's 429,
// written there). The address is worked out exactly as for every request (TRUST_PROXY,
// X-Forwarded-For), and only a lock the database reported counts, so this never refuses what the
// route would let through; it only makes the refusal cheap.

type ShieldAnswer = { status: number; headers: Record<string, string>; body: string };
type ShieldDecision = { refuse: ShieldAnswer } | { key: string; maxWaitMs: number; busy: () => ShieldAnswer };

/** The contract's JSON answer, in the request's language, as lib/api/language.ts gives the route's. */
function answer(
  status: number,
  message: Message,
  retryAfter: number,
  cookies: Headers | null,
  acceptLanguage?: string,
): ShieldAnswer {
  const locale = localeOf(cookies && readCookie(cookies, LANG_COOKIE), acceptLanguage);
  return {
    status,
    headers: {
      "content-type": "application/json",
      "retry-after": String(retryAfter),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-language": locale,
      vary: "Accept-Language, Cookie",
    },
    body: JSON.stringify({ detail: renderMessage(message, locale) }),
  };
}

function loginShield(
  peer: string,
  forwardedFor: string | undefined,
  cookie?: string,
  acceptLanguage?: string,
): ShieldDecision {
  const cookies = cookie ? new Headers({ cookie }) : null;
  const wait = (key: string) => ({
    key,
    maxWaitMs: HASH_QUEUE_SECONDS * 1000,
    busy: () => answer(503, messages.unavailable, HASH_QUEUE_SECONDS, cookies, acceptLanguage),
  });
  // A browser with a valid device cookie answers to its own counter, not the address's lock: the
  // route decides (lib/auth/device-cookie.ts). It waits behind its own device's logins, not its
  // address's: a stranger's flood from the same address does not hold its owner up, and a cookie
  // of the flooder's own account gets the flood no further than four at a time. A forged cookie
  // is no way past this check.
  const device = cookies && anyDeviceId(cookies);
  if (device) return wait(`device:${device}`);
  // The peer is the socket's own address, read in this process: no header to authenticate.
  const address = clientAddressOf(peer, forwardedFor ?? null);
  const lock = knownAddressLock(address);
  if (lock)
    return { refuse: answer(429, messages.throttled(lock.retryAfter), lock.retryAfter, cookies, acceptLanguage) };
  return wait(throttleKeyOf(address));
}

(globalThis as typeof globalThis & { vestibuleLoginShield?: typeof loginShield }).vestibuleLoginShield = loginShield;
