import "server-only";
import { prisma } from "@/lib/db";
import { verifyPassword } from "@/lib/passwords";
import { forgiveLoginAttempt, reserveLoginAttempt, type Throttled } from "@/lib/throttle";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { usernameKey } from "@/lib/users/keys";
import { toAuthenticatedUser } from "@/lib/users/shape";
import type { LoginInput } from "@/lib/validation";

export type LoginOutcome = { ok: true; user: AuthenticatedUser } | { ok: false; reason: "invalid" } | ({ ok: false; reason: "throttled" } & Throttled);

/**
 * Checks a username and password. An unknown user, a wrong password and an inactive user are
 * the same failure, and cost the same time (verifyPassword compares against a dummy hash).
 */
export async function verifyLogin(input: LoginInput, client: RequestInfo): Promise<LoginOutcome> {
  const key = usernameKey(input.username);
  const reservation = await reserveLoginAttempt(key, client.clientAddress);
  if (reservation.throttled) return { ok: false, reason: "throttled", ...reservation };

  const row = await prisma.user.findUnique({ where: { usernameKey: key } });
  const matches = await verifyPassword(input.password, row?.password ?? null);
  if (!row || !matches || !row.isActive) return { ok: false, reason: "invalid" };

  await forgiveLoginAttempt(key, client.clientAddress);
  const user = await prisma.user.update({ where: { id: row.id }, data: { lastLogin: new Date() }, omit: { password: true } });
  return { ok: true, user: toAuthenticatedUser(user) };
}
