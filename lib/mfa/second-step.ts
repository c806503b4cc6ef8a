import "server-only";
import { recordEvent } from "@/lib/audit";
import { trustedDevice } from "@/lib/auth/device-cookie";
import { logInVerifiedUser } from "@/lib/auth/login";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { acceptTotpCode } from "@/lib/mfa/authenticator";
import { passkeyRequestOptions, verifyPasskeyAssertion } from "@/lib/mfa/passkeys";
import { spendRecoveryCode } from "@/lib/mfa/recovery-codes";
import { attachChallenge, consumeTicket, countWrongCode, findTicket, takeTicketChallenge } from "@/lib/mfa/tickets";
import { forgiveLoginAttempt, reserveLoginAttempt, type Throttled } from "@/lib/throttle";
import { usernameKey } from "@/lib/users/keys";
import type { FieldErrors } from "@/lib/validation";

// The second step of a login: a ticket plus a TOTP code, a recovery code or a passkey assertion.
// For the JSON API (POST /api/login/mfa) and the /login/mfa page alike.

export type SecondStepInput = { ticket: string; code?: string; credential?: Record<string, unknown> };
export type SecondStepResult =
  | { ok: true; user: AuthenticatedUser; sessionId?: string }
  | { ok: false; errors: FieldErrors }
  | ({ ok: false } & Throttled);

const ticketError = (): SecondStepResult => ({ ok: false, errors: { ticket: [messages.invalidTicket] } });

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
  const user = await prisma.user.findUnique({ where: { id: held.userId }, select: { username: true, isActive: true } });
  if (!user?.isActive) return ticketError();

  // Wrong codes are failed logins of this username: the same throttle as wrong passwords.
  const key = usernameKey(user.username);
  const device = trustedDevice(request.headers, key);
  const reservation = await reserveLoginAttempt(key, request.clientAddress, device);
  if (reservation.throttled) {
    await recordEvent("login_throttled", held.userId, request);
    return { ok: false, ...reservation };
  }
  const method = await provenBy(input, held.userId);
  if (!method) {
    await countWrongCode(input.ticket);
    await recordEvent("mfa_failed", held.userId, request);
    return {
      ok: false,
      errors: input.credential ? { credential: [messages.invalidPasskey] } : { code: [messages.invalidCode] },
    };
  }
  // Consumed before the session exists: of two requests racing with one ticket, one logs in.
  if (!(await consumeTicket(input.ticket))) return ticketError();
  await forgiveLoginAttempt(key, request.clientAddress, device);
  if (method === "recovery_code") await recordEvent("recovery_code_used", held.userId, request);
  const login = await logInVerifiedUser(held.userId, request, held.credentialsVersion);
  if (!login.ok) return ticketError();
  return { ok: true, user: login.user, sessionId: login.sessionId };
}

/** WebAuthn request options for the ticket's user; the challenge is kept with the ticket. */
export async function secondStepPasskeyOptions(ticket: string) {
  const held = await findTicket(ticket);
  if (!held) return null;
  const options = await passkeyRequestOptions(held.userId);
  return (await attachChallenge(ticket, options.challenge)) ? options : null;
}
