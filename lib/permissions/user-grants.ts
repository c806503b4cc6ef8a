import "server-only";
import { recordEvent, type Actor } from "@/lib/audit";
import type { SignedIn } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { syncCatalogue, unknownCodenames } from "@/lib/permissions/catalogue";
import { firstNotHeld, isUnboundedSuperuser, refreshHasGrants } from "@/lib/permissions/grants";
import { forbidden, invalid, type Forbidden, type Invalid } from "@/lib/refusal";

// A user's groups and direct permissions (Django's user.groups and user.user_permissions), set by
// staff (PATCH /api/admin/users/{id}, the user's staff page) and by the operator (the CLI).

export type UserGrants = { groups: string[]; user_permissions: string[] };
export type GrantsChange = { groups?: string[]; user_permissions?: string[] };

export async function grantsOfUser(userId: string): Promise<UserGrants> {
  const [groups, direct] = await Promise.all([
    prisma.userGroup.findMany({ where: { userId }, select: { group: { select: { name: true } } } }),
    prisma.userPermission.findMany({ where: { userId }, select: { codename: true } }),
  ]);
  return {
    groups: groups.map((row) => row.group.name).sort(),
    user_permissions: direct.map((row) => row.codename).sort(),
  };
}

export type GrantsPlan = { ok: true; apply(actor: Actor): Promise<void> } | Invalid | Forbidden;

/**
 * Checks a change of the user's grants, all of it, before anything is written; `apply` then
 * writes it in one transaction (hasGrants included) and records permissions_changed in the
 * user's events. `caller` null is the operator at the command line. Nobody but a superuser
 * changes their own grants, grants a permission they do not hold, or puts someone into a group
 * with one.
 */
export async function planUserGrants(
  caller: SignedIn | null,
  userId: string,
  change: GrantsChange,
): Promise<GrantsPlan> {
  if (change.groups === undefined && change.user_permissions === undefined) return { ok: true, apply: async () => {} };
  const bounded = caller !== null && !isUnboundedSuperuser(caller);
  if (bounded && caller.user.id === userId) return forbidden();
  const [unknown] = unknownCodenames(change.user_permissions ?? []);
  if (unknown !== undefined) return invalid({ user_permissions: [messages.noSuchCodename(unknown)] });
  const groups = change.groups
    ? await prisma.group.findMany({
        where: { name: { in: change.groups } },
        select: { id: true, name: true, permissions: { select: { codename: true } } },
      })
    : [];
  const missing = change.groups?.find((name) => !groups.some((group) => group.name === name));
  if (missing !== undefined) return invalid({ groups: [messages.noSuchGroup(missing)] });
  if (bounded) {
    const current = await grantsOfUser(userId);
    const addedDirect = (change.user_permissions ?? []).filter((c) => !current.user_permissions.includes(c));
    const addedGroups = groups.filter((group) => !current.groups.includes(group.name));
    const needed = [...addedDirect, ...addedGroups.flatMap((group) => group.permissions.map((p) => p.codename))];
    if ((await firstNotHeld(caller, needed)) !== null) return forbidden();
  }
  return {
    ok: true,
    async apply(actor) {
      await syncCatalogue();
      await prisma.$transaction(async (tx) => {
        if (change.groups) {
          await tx.userGroup.deleteMany({ where: { userId } });
          await tx.userGroup.createMany({ data: groups.map((group) => ({ userId, groupId: group.id })) });
        }
        if (change.user_permissions) {
          await tx.userPermission.deleteMany({ where: { userId } });
          await tx.userPermission.createMany({
            data: change.user_permissions.map((codename) => ({ userId, codename })),
          });
        }
        await refreshHasGrants(tx, [userId]);
      });
      await recordEvent("permissions_changed", userId, actor);
    },
  };
}
