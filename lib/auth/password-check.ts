import "server-only";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { verifyPassword } from "@/lib/passwords";
import type { RequestInfo } from "@/lib/auth/types";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { guardedCheck, passwordAttempt } from "@/lib/throttle";
import { deviceOf } from "@/lib/auth/credentials";
import { usernameKey } from "@/lib/auth/username-key";

export type PasswordCheck = { ok: true } | Invalid | Throttled;

/**
 * The password again before a change to the second factor, so that a stolen session cannot turn
 * it off or add its own. Wrong passwords count as failed logins of the username, as a password
 * change's do: a session is not a way around the throttle.
 */
export async function recheckPassword(
  user: { id: string; username: string; credentialsVersion: number },
  password: string,
  client: Pick<RequestInfo, "clientAddress" | "headers">,
): Promise<PasswordCheck> {
  const device = deviceOf(client.headers, user);
  const guarded = await guardedCheck(
    passwordAttempt(usernameKey(user.username), client.clientAddress, device),
    async () => {
      const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { password: true } });
      const right = await verifyPassword(password, row.password);
      return { outcome: right ? "success" : "failure", value: right } as const;
    },
  );
  if (guarded.throttled) return throttled(guarded.retryAfter);
  return guarded.value ? { ok: true } : invalid({ password: [messages.wrongPassword] });
}
