import "server-only";
import { prisma } from "@/lib/db";
import { unusedRecoveryCodes } from "@/lib/mfa/recovery-codes";

export type MfaStatus = { totp: boolean; recovery_codes_left: number; passkeys: number };

/** A password alone stops being enough once an authenticator app has been confirmed. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const device = await prisma.totpDevice.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return Boolean(device?.confirmedAt);
}

export async function mfaStatus(userId: string): Promise<MfaStatus> {
  const [totp, recovery_codes_left, passkeys] = await Promise.all([
    hasSecondFactor(userId),
    unusedRecoveryCodes(userId),
    prisma.passkey.count({ where: { userId } }),
  ]);
  return { totp, recovery_codes_left, passkeys };
}

/** The ways this user can finish a login's second step, as the JSON login names them. */
export type SecondFactorMethod = "totp" | "recovery_code" | "passkey";

export async function secondFactorMethods(userId: string): Promise<SecondFactorMethod[]> {
  const passkeys = await prisma.passkey.count({ where: { userId } });
  return ["totp", "recovery_code", ...(passkeys ? (["passkey"] as const) : [])];
}
