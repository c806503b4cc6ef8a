import "server-only";
import { Prisma } from "@prisma/client";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { listSessions, type SessionSummary } from "@/lib/auth/sessions";
import { listTokens, type TokenSummary } from "@/lib/tokens";
import { setActive } from "@/lib/users/account";
import { disableTotp } from "@/lib/mfa/authenticator";
import { usernameKey } from "@/lib/users/keys";
import { serializeUser, toAuthenticatedUser, type PublicUserRow } from "@/lib/users/shape";
import type { StaffUserUpdate } from "@/lib/validation";

// What staff (is_staff) may do to other accounts: Django's admin for users, as domain functions
// for the API and the /admin/users page alike.

export const PAGE_SIZE = 20;

export function serializeManagedUser(row: PublicUserRow) {
  return { ...serializeUser(toAuthenticatedUser(row)), is_active: row.isActive };
}
export type ManagedUser = ReturnType<typeof serializeManagedUser>;

/** A LIKE pattern that matches `text` anywhere, literally: % and _ in a search are not wildcards. */
function containing(text: string): string {
  return `%${text.replace(/[!%_]/g, (character) => `!${character}`)}%`;
}

/**
 * Users whose username or e-mail contains `search` (any case, Django's icontains), in DRF's
 * page-number pages; null for a page past the end. Prisma's `contains` does not escape LIKE's
 * wildcards, so the filter is SQL that reads the same on SQLite and PostgreSQL.
 */
export async function findUsers(search: string, page: number): Promise<{ count: number; results: ManagedUser[] } | null> {
  const term = search.trim();
  const filter = term
    ? Prisma.sql`WHERE "usernameKey" LIKE ${containing(usernameKey(term))} ESCAPE '!' OR lower("email") LIKE ${containing(term.toLowerCase())} ESCAPE '!'`
    : Prisma.empty;
  const [[{ count }], found] = await Promise.all([
    prisma.$queryRaw<Array<{ count: bigint | number }>>`SELECT COUNT(*) AS "count" FROM "User" ${filter}`,
    prisma.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "User" ${filter} ORDER BY "dateJoined", "id" LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
  ]);
  if (page > 1 && found.length === 0) return null;
  const ids = found.map((row) => row.id);
  const rows = await prisma.user.findMany({ where: { id: { in: ids } }, omit: { password: true } });
  rows.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
  return { count: Number(count), results: rows.map(serializeManagedUser) };
}

export type UserDetail = ManagedUser & { sessions: SessionSummary[]; tokens: TokenSummary[] };

export async function userDetail(id: string): Promise<UserDetail | null> {
  const row = await prisma.user.findUnique({ where: { id }, omit: { password: true } });
  if (!row) return null;
  const [sessions, tokens] = await Promise.all([listSessions(id, null), listTokens(id)]);
  return { ...serializeManagedUser(row), sessions, tokens };
}

/** Sets is_active / is_staff, turns a second factor off; deactivation ends the user's sessions and tokens at once. */
export async function updateManagedUser(id: string, change: StaffUserUpdate, actor: Actor): Promise<ManagedUser | null> {
  const row = await prisma.user.findUnique({ where: { id }, select: { isActive: true, isStaff: true } });
  if (!row) return null;
  if (change.is_active !== undefined && change.is_active !== row.isActive) await setActive(id, change.is_active, actor);
  if (change.is_staff !== undefined && change.is_staff !== row.isStaff) {
    await prisma.user.update({ where: { id }, data: { isStaff: change.is_staff } });
    await recordEvent(change.is_staff ? "staff_granted" : "staff_revoked", id, actor);
  }
  // For a person who lost their phone and their recovery codes; audited as mfa_disabled.
  if (change.mfa === false) await disableTotp(id, actor);
  const updated = await prisma.user.findUniqueOrThrow({ where: { id }, omit: { password: true } });
  return serializeManagedUser(updated);
}
