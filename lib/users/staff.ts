import "server-only";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { listSessions, type SessionSummary } from "@/lib/auth/sessions";
import { listTokens, type TokenSummary } from "@/lib/tokens";
import { setActive } from "@/lib/users/account";
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

/** Users whose username or e-mail contains `search` (any case), in DRF's page-number pages. */
export async function findUsers(search: string, page: number): Promise<{ count: number; results: ManagedUser[] } | null> {
  const term = search.trim();
  const where = term ? { OR: [{ usernameKey: { contains: usernameKey(term) } }, { email: { contains: term.toLowerCase() } }, { email: { contains: term } }] } : {};
  const [count, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({ where, orderBy: [{ dateJoined: "asc" }, { id: "asc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, omit: { password: true } }),
  ]);
  if (page > 1 && rows.length === 0) return null;
  return { count, results: rows.map(serializeManagedUser) };
}

export type UserDetail = ManagedUser & { sessions: SessionSummary[]; tokens: TokenSummary[] };

export async function userDetail(id: string): Promise<UserDetail | null> {
  const row = await prisma.user.findUnique({ where: { id }, omit: { password: true } });
  if (!row) return null;
  const [sessions, tokens] = await Promise.all([listSessions(id, null), listTokens(id)]);
  return { ...serializeManagedUser(row), sessions, tokens };
}

/** Sets is_active / is_staff; deactivation ends the user's sessions and tokens at once. */
export async function updateManagedUser(id: string, change: StaffUserUpdate, actor: Actor): Promise<ManagedUser | null> {
  const row = await prisma.user.findUnique({ where: { id }, select: { isActive: true, isStaff: true } });
  if (!row) return null;
  if (change.is_active !== undefined && change.is_active !== row.isActive) await setActive(id, change.is_active, actor);
  if (change.is_staff !== undefined && change.is_staff !== row.isStaff) {
    await prisma.user.update({ where: { id }, data: { isStaff: change.is_staff } });
    await recordEvent(change.is_staff ? "staff_granted" : "staff_revoked", id, actor);
  }
  const updated = await prisma.user.findUniqueOrThrow({ where: { id }, omit: { password: true } });
  return serializeManagedUser(updated);
}
