import "server-only";
import { trustedDevice } from "@/lib/auth/device-cookie";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { verifyPassword } from "@/lib/passwords";
import type { RequestInfo } from "@/lib/auth/types";
import { forgiveLoginAttempt, reserveLoginAttempt, type Throttled } from "@/lib/throttle";
import { usernameKey } from "@/lib/users/keys";
import type { FieldErrors } from "@/lib/validation";

export type PasswordCheck = { ok: true } | { ok: false; errors: FieldErrors } | ({ ok: false } & Throttled);

/**
 * The password again before a change to the second factor, so that a stolen session cannot turn
 * it off or add its own. Wrong passwords count as failed logins of the username, as a password
 * change's do: a session is not a way around the throttle.
 */
export async function recheckPassword(
  user: { id: string; username: string },
  password: string,
  client: Pick<RequestInfo, "clientAddress" | "headers">,
): Promise<PasswordCheck> {
  const key = usernameKey(user.username);
  const device = trustedDevice(client.headers, key);
  const reservation = await reserveLoginAttempt(key, client.clientAddress, device);
  if (reservation.throttled) return { ok: false, ...reservation };
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { password: true } });
  if (!(await verifyPassword(password, row.password)))
    return { ok: false, errors: { password: [messages.wrongPassword] } };
  await forgiveLoginAttempt(key, client.clientAddress, device);
  return { ok: true };
}
