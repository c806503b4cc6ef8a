import "server-only";
import { recordEvent } from "@/lib/audit";
import { invalidLogin, logInVerifiedUser, type LoggedIn, type LoginRefusal } from "@/lib/login/login";
import type { RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { loginChallenge, passkeyRequestOptions, verifyPasskeyAssertion } from "@/lib/mfa/passkeys";
import { throttled, type Throttled } from "@/lib/refusal";
import { guardedCheck, passkeyAttempt, reservePasskeyOptions } from "@/lib/throttle";

/** Options for a passkey sign-in, or a refusal when this address has asked for too many challenges. */
export async function passkeyLoginOptions(
  request: Pick<RequestInfo, "clientAddress">,
): Promise<Awaited<ReturnType<typeof passkeyRequestOptions>> | Throttled> {
  const reservation = await reservePasskeyOptions(request.clientAddress);
  if (reservation.throttled) return throttled(reservation.retryAfter);
  return passkeyRequestOptions(null);
}

/**
 * "Sign in with a passkey": a discoverable credential with user verification is both factors,
 * so no second step follows. A wrong or unknown credential and an inactive account fail alike,
 * and count as failed logins of the client address (there is no username to count against):
 * past the address's limit, 429, and no audit row per refusal.
 */
export async function logInWithPasskey(
  credential: Record<string, unknown>,
  request: RequestInfo,
): Promise<LoggedIn | LoginRefusal> {
  const guarded = await guardedCheck(passkeyAttempt(request.clientAddress), async () => {
    const userId = await verifyPasskeyAssertion(credential, null, loginChallenge);
    const user = userId ? await prisma.user.findUnique({ where: { id: userId }, select: { isActive: true } }) : null;
    if (!userId || !user?.isActive) {
      await recordEvent("login_failed", userId, request);
      return { outcome: "failure", value: null } as const;
    }
    return { outcome: "success", value: userId } as const;
  });
  if (guarded.throttled) {
    if (guarded.startsLock) await recordEvent("login_throttled", null, request);
    return throttled(guarded.retryAfter);
  }
  if (!guarded.value) return invalidLogin();
  return logInVerifiedUser(guarded.value, request);
}
