import "server-only";
import type { Actor } from "@/lib/audit";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import { grantProviderLink, takeProviderLinkGrant } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { recheckPassword } from "@/lib/auth/password-check";
import { isUsablePassword } from "@/lib/passwords";
import { forbidden, invalid, type Forbidden, type Invalid, type Throttled } from "@/lib/refusal";

// Connecting a provider adds a way in that outlives the session it was made in, as lasting as a
// new e-mail address: so it takes what an e-mail change takes, the current password, and never a
// session alone (a stolen cookie or an unlocked screen must not leave its own identity behind).
// The password buys this session one connection of the named provider, for the time it takes to
// pass the provider's pages: the callback spends it (lib/login/provider-login.ts), and a callback
// that finds none while signed in connects nothing.
//
// An account without a password (made through a provider) has nothing to type again, and no
// second factor or passkey either: adding one takes the password. It proves itself by a recent
// sign-in instead, as other products ask for: a session signed in within the last 10 minutes may
// connect; an older one is asked to sign in again (which goes through its provider again).

/** How long a granted connection waits for the provider's callback. */
const LINK_GRANT_MS = 10 * 60_000;
/** How recent the sign-in of a session must be to connect a provider to an account without a password. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

export type ConnectCheck = { ok: true } | Invalid | Throttled | Forbidden;

/** Whether the account has a password to ask for (the account page shows its field only then). */
export async function hasUsablePassword(userId: string): Promise<boolean> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { password: true } });
  return !!row && isUsablePassword(row.password);
}

/**
 * Lets the caller's session connect `provider` once: with the right password, or for an account
 * without one, a sign-in less than RECENT_SIGN_IN_MS old. Wrong passwords count as failed logins.
 */
export async function allowProviderLink(
  identity: AuthenticatedIdentity,
  provider: string,
  password: string | undefined,
  actor: Actor,
): Promise<ConnectCheck> {
  const { user, auth } = identity;
  // A connection is made by a browser's redirects: only a session has a callback to spend it.
  if (auth.scheme !== "session") return forbidden();
  const until = new Date(Date.now() + LINK_GRANT_MS);
  if (!(await hasUsablePassword(user.id))) {
    const signedInSince = new Date(Date.now() - RECENT_SIGN_IN_MS);
    const granted = await grantProviderLink(auth.sessionId, provider, until, signedInSince);
    return granted ? { ok: true } : forbidden(messages.signInAgainToConnect);
  }
  if (!password) return invalid({ password: [messages.required] });
  const check = await recheckPassword(user, password, actor);
  if (!check.ok) return check;
  await grantProviderLink(auth.sessionId, provider, until);
  return { ok: true };
}

/** The provider's callback in a signed-in browser: true once per grant, so only a confirmed connection links. */
export function spendProviderLink(sessionId: string, provider: string): Promise<boolean> {
  return takeProviderLinkGrant(sessionId, provider);
}
