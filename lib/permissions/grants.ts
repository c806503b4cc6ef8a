import "server-only";
import { Prisma } from "@prisma/client";
import type { Identity } from "@/lib/auth/types";
import { permissionsOf } from "@/lib/permissions/effective";

// The rules every grant change shares: User.hasGrants kept true exactly when the user is in a
// group or holds a direct permission, and no escalation.

type Tx = Prisma.TransactionClient;

/** Sets hasGrants from the rows, for these users, inside the transaction that changed their grants. */
export async function refreshHasGrants(tx: Tx, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    UPDATE "User" SET "hasGrants" = (
      EXISTS (SELECT 1 FROM "UserGroup" g WHERE g."userId" = "User"."id")
      OR EXISTS (SELECT 1 FROM "UserPermission" p WHERE p."userId" = "User"."id"))
    WHERE "id" IN (${Prisma.join(userIds)})`);
}

/** A superuser acting as themselves (not through a scoped token): they may grant anything. */
export function isUnboundedSuperuser(identity: Identity): boolean {
  return identity.user.isAuthenticated && identity.user.isSuperuser && !("scope" in identity && identity.scope);
}

/**
 * No escalation (Better Auth's "only roles with permissions that you already have"): the first
 * of `codenames` the caller does not hold, or null when they may grant them all.
 */
export async function firstNotHeld(identity: Identity, codenames: Iterable<string>): Promise<string | null> {
  if (isUnboundedSuperuser(identity)) return null;
  const held = await permissionsOf(identity);
  for (const codename of codenames) if (!held.has(codename)) return codename;
  return null;
}

/** Whether the caller may change anyone's grants to include these codenames (their own, only a superuser). */
export async function mayGrant(identity: Identity, codenames: Iterable<string>): Promise<boolean> {
  return (await firstNotHeld(identity, codenames)) === null;
}
