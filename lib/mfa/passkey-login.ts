import "server-only";
import { recordEvent } from "@/lib/audit";
import { logInVerifiedUser, type LoginResult } from "@/lib/auth/login";
import type { RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { loginChallenge, verifyPasskeyAssertion } from "@/lib/mfa/passkeys";

/**
 * "Sign in with a passkey": a discoverable credential with user verification is both factors,
 * so no second step follows. A wrong or unknown credential and an inactive account fail alike.
 */
export async function logInWithPasskey(
  credential: Record<string, unknown>,
  request: RequestInfo,
): Promise<LoginResult> {
  const userId = await verifyPasskeyAssertion(credential, null, loginChallenge);
  const user = userId ? await prisma.user.findUnique({ where: { id: userId }, select: { isActive: true } }) : null;
  if (!userId || !user?.isActive) {
    await recordEvent("login_failed", userId, request);
    return { ok: false, reason: "invalid" };
  }
  return logInVerifiedUser(userId, request);
}
