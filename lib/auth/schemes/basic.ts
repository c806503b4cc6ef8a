import "server-only";
import { messages } from "@/lib/messages";
import { authorizationWords } from "@/lib/auth/schemes/authorization-header";
import { AuthenticationFailed, AuthenticationThrottled, type AuthenticationScheme } from "@/lib/auth/types";
import { verifyLogin } from "@/lib/auth/credentials";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const usable = (text: string) => text !== "" && !text.includes("\0") && text.isWellFormed();

/** "username:password" from the header's credentials, or null when they are not proper base64. */
function decodeCredentials(encoded: string): { username: string; password: string } | null {
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return null;
  const bytes = Buffer.from(encoded, "base64");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // DRF falls back to Latin-1 for clients that do not send UTF-8.
    text = bytes.toString("latin1");
  }
  const colon = text.indexOf(":");
  return colon === -1 ? null : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * DRF's BasicAuthentication. Each request checks the password, so failures count as failed
 * logins and a locked username is throttled here too.
 */
export const basicScheme: AuthenticationScheme = {
  name: "basic",
  async authenticate(request) {
    const words = authorizationWords(request.headers, ["basic"]);
    if (!words) return null;
    if (words.length === 1) throw new AuthenticationFailed(messages.basicHeaderEmpty);
    if (words.length > 2) throw new AuthenticationFailed(messages.basicHeaderSpaces);
    const credentials = decodeCredentials(words[1]);
    if (!credentials) throw new AuthenticationFailed(messages.basicHeaderEncoding);
    // Empty, or text no account can have (NUL, which PostgreSQL refuses to compare, or broken UTF-16).
    if (!usable(credentials.username) || !usable(credentials.password))
      throw new AuthenticationFailed(messages.invalidBasic);
    const outcome = await verifyLogin(credentials, request, false);
    // A password alone is not enough for an account with a second factor; its API tokens are.
    if (outcome.ok && outcome.secondFactor) throw new AuthenticationFailed(messages.basicWithMfa);
    if (outcome.ok) return { user: outcome.user, auth: { scheme: "basic" } };
    if (outcome.reason === "throttled") throw new AuthenticationThrottled(outcome.retryAfter);
    throw new AuthenticationFailed(outcome.reason === "inactive" ? messages.userInactive : messages.invalidBasic);
  },
};
