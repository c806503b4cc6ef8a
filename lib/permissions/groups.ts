import "server-only";
import { Prisma } from "@prisma/client";
import { COMMAND_LINE, recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { syncCatalogue, unknownCodenames } from "@/lib/permissions/catalogue";
import type { Permitted } from "@/lib/permissions/classes";
import { mayGrant, refreshHasGrants } from "@/lib/permissions/grants";
import { forbidden, invalid, notFound, type Forbidden, type Invalid, type NotFound } from "@/lib/refusal";
import type { GroupInput, GroupUpdate } from "@/lib/validation";

// Django's groups, for GET/POST /api/groups, /api/groups/{id}, the staff pages and the CLI. Each
// change takes the caller's proof of its permission (Permitted<…>), keeps the no-escalation rule
// and is an audit event in the caller's own events.

export type GroupSummary = { id: string; name: string; permissions: string[] };

const WITH_PERMISSIONS = { permissions: { select: { codename: true }, orderBy: { codename: "asc" } } } as const;

type GroupRow = { id: string; name: string; permissions: Array<{ codename: string }> };

function summarise(row: GroupRow): GroupSummary {
  return { id: row.id, name: row.name, permissions: row.permissions.map((p) => p.codename) };
}

export async function listGroups(): Promise<GroupSummary[]> {
  const rows = await prisma.group.findMany({ include: WITH_PERMISSIONS, orderBy: { name: "asc" } });
  return rows.map(summarise);
}

export async function findGroup(id: string): Promise<GroupSummary | null> {
  const row = await prisma.group.findUnique({ where: { id }, include: WITH_PERMISSIONS });
  return row && summarise(row);
}

const isNameTaken = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

const nameTaken = (): Invalid => invalid({ name: [messages.groupNameTaken] });

/** The refusal for codenames not in the catalogue, or the caller's escalation; null when they may be set. */
async function codenamesRefusal(
  caller: Permitted<string>,
  codenames: readonly string[],
  already: readonly string[] = [],
): Promise<Invalid | Forbidden | null> {
  const [unknown] = unknownCodenames(codenames);
  if (unknown !== undefined) return invalid({ permissions: [messages.noSuchCodename(unknown)] });
  const added = codenames.filter((codename) => !already.includes(codename));
  return (await mayGrant(caller, added)) ? null : forbidden();
}

export type GroupResult = GroupSummary | Invalid | Forbidden | NotFound;

export async function createGroup(
  caller: Permitted<"auth.add_group">,
  input: GroupInput,
  actor: Actor,
): Promise<GroupResult> {
  const refusal = await codenamesRefusal(caller, input.permissions ?? []);
  return refusal ?? insertGroup(input, caller.user.id, actor);
}

/**
 * The operator's creategroup (the manage CLI): no caller to hold the permissions, the same
 * checks of the name and the codenames.
 */
export async function createGroupAtCommandLine(input: GroupInput): Promise<GroupSummary | Invalid> {
  const [unknown] = unknownCodenames(input.permissions ?? []);
  if (unknown !== undefined) return invalid({ permissions: [messages.noSuchCodename(unknown)] });
  return insertGroup(input, null, COMMAND_LINE);
}

/** Writes a checked group; the event goes to the creator's events (none at the command line). */
async function insertGroup(input: GroupInput, creatorId: string | null, actor: Actor): Promise<GroupSummary | Invalid> {
  const codenames = input.permissions ?? [];
  await syncCatalogue();
  try {
    const row = await prisma.group.create({
      data: { name: input.name, permissions: { create: codenames.map((codename) => ({ codename })) } },
      include: WITH_PERMISSIONS,
    });
    await recordEvent("group_created", creatorId, actor);
    return summarise(row);
  } catch (error) {
    if (isNameTaken(error)) return nameTaken();
    throw error;
  }
}

/** Renames the group and/or makes its permissions these; its members have the new set at their next request. */
export async function updateGroup(
  caller: Permitted<"auth.change_group">,
  id: string,
  change: GroupUpdate,
  actor: Actor,
): Promise<GroupResult> {
  const current = await findGroup(id);
  if (!current) return notFound();
  if (change.permissions) {
    const refusal = await codenamesRefusal(caller, change.permissions, current.permissions);
    if (refusal) return refusal;
    await syncCatalogue();
  }
  const { permissions } = change;
  try {
    const row = await prisma.$transaction(async (tx) => {
      if (permissions) {
        await tx.groupPermission.deleteMany({ where: { groupId: id } });
        await tx.groupPermission.createMany({ data: permissions.map((codename) => ({ groupId: id, codename })) });
      }
      return tx.group.update({
        where: { id },
        data: change.name === undefined ? {} : { name: change.name },
        include: WITH_PERMISSIONS,
      });
    });
    await recordEvent("group_changed", caller.user.id, actor);
    return summarise(row);
  } catch (error) {
    if (isNameTaken(error)) return nameTaken();
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return notFound();
    throw error;
  }
}

/** Deletes the group; its members lose its permissions at their next request. */
export async function deleteGroup(
  caller: Permitted<"auth.delete_group">,
  id: string,
  actor: Actor,
): Promise<{ ok: true } | NotFound> {
  const deleted = await prisma.$transaction(async (tx) => {
    const members = await tx.userGroup.findMany({ where: { groupId: id }, select: { userId: true } });
    const { count } = await tx.group.deleteMany({ where: { id } });
    await refreshHasGrants(
      tx,
      members.map((member) => member.userId),
    );
    return count > 0;
  });
  if (!deleted) return notFound();
  await recordEvent("group_deleted", caller.user.id, actor);
  return { ok: true };
}
