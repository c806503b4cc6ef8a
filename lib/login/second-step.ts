import "server-only";
import { recordEvent } from "@/lib/audit";
import { logInVerifiedUser } from "@/lib/login/login";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { acceptTotpCode } from "@/lib/mfa/authenticator";
import { passkeyRequestOptions, verifyPasskeyAssertion } from "@/lib/mfa/passkeys";
import { spendRecoveryCode } from "@/lib/mfa/recovery-codes";
import { attachChallenge, consumeTicket, countWrongCode, findTicket, takeTicketChallenge } from "@/lib/mfa/tickets";
import { recordAndNotify } from "@/lib/email/notices";
import { forgiveCompletedLogin, guardedCheck, isSecondStepLock, secondStepAttempt } from "@/lib/throttle";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { deviceOf } from "@/lib/auth/credentials";
import { usernameKey } from "@/lib/auth/username-key";

// The second step of a login: a ticket plus a TOTP code, a recovery code or a passkey assertion.
// For the JSON API (POST /api/login/mfa) and the /login/mfa page alike.

export type SecondStepInput = { ticket: string; code?: string; credential?: Record<string, unknown> };
export type SecondStepResult = { ok: true; user: AuthenticatedUser; sessionId: string } | Invalid | Throttled;

const ticketError = (): Invalid => invalid({ ticket: [messages.invalidTicket] });

type Method = "totp" | "recovery_code" | "passkey";

async function provenBy(input: SecondStepInput, userId: string): Promise<Method | null> {
  if (input.credential) {
    const proven = await verifyPasskeyAssertion(input.credential, userId, (challenge) =>
      takeTicketChallenge(input.ticket, challenge),
    );
    return proven === userId ? "passkey" : null;
  }
  const code = input.code ?? "";
  if (await acceptTotpCode(userId, code, true)) return "totp";
  return (await spendRecoveryCode(userId, code)) ? "recovery_code" : null;
}

export async function completeSecondStep(input: SecondStepInput, request: RequestInfo): Promise<SecondStepResult> {
  const held = await findTicket(input.ticket);
  if (!held) return ticketError();
  const user = await prisma.user.findUnique({
    where: { id: held.userId },
    select: { username: true, isActive: true, credentialsVersion: true },
  });
  if (!user?.isActive) return ticketError();

  // Wrong codes count until a second step succeeds, whichever ticket they came with: a right
  // password again starts a new ticket, never a new count (lib/throttle.ts, secondStepAttempt).
  const device = deviceOf(request.headers, { id: held.userId, credentialsVersion: user.credentialsVersion });
  const attempt = secondStepAttempt(held.userId, usernameKey(user.username), request.clientAddress, device);
  const guarded = await guardedCheck(attempt, async () => {
    const method = await provenBy(input, held.userId);
    return { outcome: method ? "pending" : "failure", value: method } as const;
  });
  if (guarded.throttled) {
    // One audit row per lock window, as for passwords.
    if (guarded.startsLock) await recordEvent("login_throttled", held.userId, request);
    return throttled(guarded.retryAfter);
  }
  const method = guarded.value;
  if (!method) {
    await countWrongCode(input.ticket);
    await recordEvent("mfa_failed", held.userId, request);
    // The owner hears of it: someone has the password and is trying codes.
    if (guarded.lockedNow.some(isSecondStepLock)) await recordAndNotify("second_step_locked", held.userId, request);
    return invalid(input.credential ? { credential: [messages.invalidPasskey] } : { code: [messages.invalidCode] });
  }
  // Consumed before the session exists: of two requests racing with one ticket, one logs in.
  if (!(await consumeTicket(input.ticket))) return ticketError();
  // Only now is the login complete, and only a completed login forgives.
  await forgiveCompletedLogin(attempt);
  if (method === "recovery_code") await recordEvent("recovery_code_used", held.userId, request);
  const login = await logInVerifiedUser(held.userId, request, held.credentialsVersion);
  return { ok: true, user: login.user, sessionId: login.sessionId };
}

/** WebAuthn request options for the ticket's user; the challenge is kept with the ticket. */
export async function secondStepPasskeyOptions(ticket: string) {
  const held = await findTicket(ticket);
  if (!held) return null;
  const options = await passkeyRequestOptions(held.userId);
  return (await attachChallenge(ticket, options.challenge)) ? options : null;
}
