import "server-only";
import { Prisma } from "@prisma/client";
import type { Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { recordAndNotify } from "@/lib/email/notices";
import { isUsablePassword } from "@/lib/passwords";

// The provider accounts connected to a user (Auth.js's Account rows), for GET/DELETE
// /api/connections and the account page alike. Connecting is Auth.js's (a provider's callback
// while signed in: lib/login/provider-login.ts); disconnecting is here, with the one rule that
// matters: the account's last way to sign in stays.

export type ConnectionSummary = { id: string; provider: string; created: string };

export async function listConnections(userId: string): Promise<ConnectionSummary[]> {
  const rows = await prisma.account.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, provider: true, createdAt: true },
  });
  return rows.map((row) => ({ id: row.id, provider: row.provider, created: row.createdAt.toISOString() }));
}

/**
 * Whether the user could still sign in without the connection `exceptId`: a usable password,
 * another connection, or a passkey (ours are discoverable and verify the user: they sign in alone).
 */
async function otherWayIn(tx: Prisma.TransactionClient, userId: string, exceptId: string): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { password: true, _count: { select: { passkeys: true, accounts: { where: { id: { not: exceptId } } } } } },
  });
  return !!user && (isUsablePassword(user.password) || user._count.passkeys > 0 || user._count.accounts > 0);
}

/** Disconnects one of the user's own providers, unless it is their last way to sign in. */
export async function removeConnection(
  userId: string,
  id: string,
  actor: Actor,
): Promise<"removed" | "not-found" | "last-way"> {
  const outcome = await prisma.$transaction(async (tx) => {
    // Lock the user's row first, so two disconnections at once cannot each leave the other's as the last way in.
    await tx.$executeRaw`UPDATE "User" SET "credentialsVersion" = "credentialsVersion" WHERE "id" = ${userId}`;
    const connection = await tx.account.findFirst({ where: { id, userId }, select: { id: true } });
    if (!connection) return "not-found" as const;
    if (!(await otherWayIn(tx, userId, id))) return "last-way" as const;
    await tx.account.delete({ where: { id } });
    return "removed" as const;
  });
  if (outcome === "removed") await recordAndNotify("provider_disconnected", userId, actor);
  return outcome;
}
