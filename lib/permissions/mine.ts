import "server-only";
import type { Identity } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { permissionsOf } from "@/lib/permissions/effective";

// GET /api/me/permissions: what this request may do (for a scoped token, what that token may
// do) and the user's groups, both sorted.

export async function myPermissions(identity: Identity): Promise<{ permissions: string[]; groups: string[] }> {
  const { user } = identity;
  const [held, groups] = await Promise.all([
    permissionsOf(identity),
    user.isAuthenticated && user.hasGrants
      ? prisma.userGroup.findMany({ where: { userId: user.id }, select: { group: { select: { name: true } } } })
      : Promise.resolve([]),
  ]);
  return { permissions: [...held].sort(), groups: groups.map((row) => row.group.name).sort() };
}
