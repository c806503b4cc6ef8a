import "server-only";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { recordAndNotify } from "@/lib/email/notices";
import { matchingStep, newTotpSecret, otpauthUri } from "@/lib/mfa/totp";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { openSecret, sealSecret } from "@/lib/mfa/secret-box";
import { messages } from "@/lib/messages";
import { invalid, type Invalid } from "@/lib/refusal";

// The authenticator app of a user: set up (pending), confirm, check a code, turn off.

export const ISSUER = "Vestibule";

export type PendingTotp = { secret: string; otpauth_uri: string };

/** A new pending secret (asking again replaces it); a confirmed app stays until it is turned off. */
export async function beginTotpSetup(userId: string, username: string): Promise<PendingTotp | null> {
  const existing = await prisma.totpDevice.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) return null;
  const secret = newTotpSecret();
  const sealed = sealSecret(secret);
  await prisma.totpDevice.upsert({
    where: { userId },
    create: { userId, secret: sealed },
    update: { secret: sealed, lastStep: 0, createdAt: new Date() },
  });
  return { secret, otpauth_uri: otpauthUri(secret, username, ISSUER) };
}

/** The pending setup's secret and URI again (to redraw the page), or null. */
export async function pendingTotp(userId: string, username: string): Promise<PendingTotp | null> {
  const row = await prisma.totpDevice.findUnique({ where: { userId } });
  if (!row || row.confirmedAt) return null;
  const secret = openSecret(row.secret);
  return { secret, otpauth_uri: otpauthUri(secret, username, ISSUER) };
}

/**
 * Takes a code of the user's app once: the step it matches must be newer than the last one
 * accepted, and raising `lastStep` is a conditional update, so a replayed (or raced) code fails.
 */
export async function acceptTotpCode(userId: string, code: string, confirmed: boolean): Promise<boolean> {
  const row = await prisma.totpDevice.findUnique({ where: { userId } });
  if (!row || Boolean(row.confirmedAt) !== confirmed) return false;
  const step = matchingStep(openSecret(row.secret), code.replace(/\s/g, ""), Date.now());
  if (step === null || step <= row.lastStep) return false;
  const taken = await prisma.totpDevice.updateMany({
    where: { userId, lastStep: { lt: step }, confirmedAt: row.confirmedAt },
    data: { lastStep: step },
  });
  return taken.count === 1;
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | Invalid;

/** Turns the pending app on with a first code; the recovery codes are made at the same moment. */
export async function confirmTotp(userId: string, code: string, actor?: Actor): Promise<ConfirmResult> {
  const pending = await prisma.totpDevice.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (!pending || pending.confirmedAt) return invalid({ non_field_errors: [messages.nothingPending] });
  if (!(await acceptTotpCode(userId, code, false))) return invalid({ code: [messages.invalidCode] });
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    await tx.totpDevice.update({ where: { userId }, data: { confirmedAt: new Date() } });
    return replaceRecoveryCodes(tx, userId);
  });
  await recordAndNotify("mfa_enabled", userId, actor);
  await recordEvent("recovery_codes_generated", userId, actor);
  return { ok: true, recoveryCodes };
}

/** Removes the app, the recovery codes and any pending second step; false when there was none. */
export async function disableTotp(userId: string, actor?: Actor): Promise<boolean> {
  const [removed] = await prisma.$transaction([
    prisma.totpDevice.deleteMany({ where: { userId } }),
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.loginTicket.deleteMany({ where: { userId } }),
  ]);
  if (removed.count) await recordAndNotify("mfa_disabled", userId, actor);
  return removed.count > 0;
}

/** New recovery codes (the old set stops working); null when the app is off. */
export async function regenerateRecoveryCodes(userId: string, actor?: Actor): Promise<string[] | null> {
  const codes = await prisma.$transaction(async (tx) => {
    const device = await tx.totpDevice.findUnique({ where: { userId }, select: { confirmedAt: true } });
    return device?.confirmedAt ? replaceRecoveryCodes(tx, userId) : null;
  });
  if (codes) await recordEvent("recovery_codes_generated", userId, actor);
  return codes;
}
