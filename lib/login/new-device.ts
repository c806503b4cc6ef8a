import "server-only";
import { trustedDevice } from "@/lib/auth/device-cookie";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { recordAndNotify } from "@/lib/email/notices";

// "A sign-in from a new device": a browser or program that has never signed in to this account.
// A device is known when it presents this account's device cookie (lib/auth/device-cookie.ts), or
// when its address and User-Agent together already appear in one of the account's earlier
// `login` events (registration records one), so that a script that keeps no cookies is not new at
// every login.

const USER_AGENT_MAX = 512;

async function hasSignedInBefore(userId: string, request: RequestInfo): Promise<boolean> {
  const userAgent = (request.headers.get("user-agent") ?? "").slice(0, USER_AGENT_MAX);
  // This login's own event is already written: one more makes the device known.
  const logins = await prisma.authEvent.findMany({
    where: { userId, event: "login", ip: request.clientAddress, userAgent },
    select: { id: true },
    take: 2,
  });
  return logins.length > 1;
}

/** After a login's session exists: the new-device notice and event, when the device is new. */
export async function noticeIfNewDevice(
  user: Pick<AuthenticatedUser, "id" | "username" | "credentialsVersion">,
  request: RequestInfo,
): Promise<void> {
  if (trustedDevice(request.headers, user) || (await hasSignedInBefore(user.id, request))) return;
  await recordAndNotify("login_new_device", user.id, request);
}
