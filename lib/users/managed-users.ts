import "server-only";
import { Prisma } from "@prisma/client";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { listSessions, type SessionSummary } from "@/lib/auth/session";
import { listTokens, type TokenSummary } from "@/lib/tokens";
import { setActive } from "@/lib/users/account";
import { disableTotp } from "@/lib/mfa/authenticator";
import { usernameKey } from "@/lib/auth/username-key";
import { serializeUser } from "@/lib/users/shape";
import { toAuthenticatedUser, type PublicUserRow } from "@/lib/auth/user-row";
import type { AuthenticatedUser } from "@/lib/auth/types";
import type { StaffIdentity } from "@/lib/auth/permissions";
import { grantsOfUser, planUserGrants, type UserGrants } from "@/lib/permissions/user-grants";
import { forbidden, notFound, type Forbidden, type Invalid, type NotFound } from "@/lib/refusal";
import type { StaffUserUpdate } from "@/lib/validation";

// What staff (is_staff) may do to other accounts: Django's admin for users, as domain functions
// for the API and the /admin/users page alike.

export const PAGE_SIZE = 20;

function serializeManagedUser(row: PublicUserRow) {
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
export async function findUsers(
  search: string,
  page: number,
): Promise<{ count: number; results: ManagedUser[] } | null> {
  const term = search.trim();
  const filter = term
    ? Prisma.sql`WHERE "usernameKey" LIKE ${containing(usernameKey(term))} ESCAPE '!' OR lower("email") LIKE ${containing(term.toLowerCase())} ESCAPE '!'`
    : Prisma.empty;
  const [[{ count }], found] = await Promise.all([
    prisma.$queryRaw<Array<{ count: bigint | number }>>`SELECT COUNT(*) AS "count" FROM "User" ${filter}`,
    prisma.$queryRaw<
      Array<{ id: string }>
    >`SELECT "id" FROM "User" ${filter} ORDER BY "dateJoined", "id" LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
  ]);
  if (page > 1 && found.length === 0) return null;
  const ids = found.map((row) => row.id);
  const rows = await prisma.user.findMany({ where: { id: { in: ids } }, omit: { password: true } });
  rows.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
  return { count: Number(count), results: rows.map(serializeManagedUser) };
}

export type GrantedUser = ManagedUser & UserGrants;
export type UserDetail = GrantedUser & { sessions: SessionSummary[]; tokens: TokenSummary[] };

export async function userDetail(id: string): Promise<UserDetail | null> {
  const row = await prisma.user.findUnique({ where: { id }, omit: { password: true } });
  if (!row) return null;
  const [sessions, tokens, grants] = await Promise.all([listSessions(id, null), listTokens(id), grantsOfUser(id)]);
  return { ...serializeManagedUser(row), ...grants, sessions, tokens };
}

type Target = { id: string; isActive: boolean; isStaff: boolean; isSuperuser: boolean };

/**
 * Django's admin lets any staff member with the change-user permission edit anyone, superusers
 * included: a staff account taken over would lock the superusers out. So here: only a superuser
 * changes is_staff or acts on another staff or superuser account, and nobody deactivates or
 * demotes themselves (one stray click must not leave an account with no way back).
 */
function breaksStaffRules(actor: AuthenticatedUser, target: Target, change: StaffUserUpdate): boolean {
  const self = actor.id === target.id;
  const locksOut = (change.is_active === false && target.isActive) || (change.is_staff === false && target.isStaff);
  if (self) return locksOut;
  if (actor.isSuperuser) return false;
  const changesStaff = change.is_staff !== undefined && change.is_staff !== target.isStaff;
  return changesStaff || target.isStaff || target.isSuperuser;
}

/**
 * Whether deactivating or demoting this user would leave no active superuser: nobody could then
 * manage staff again but the operator. Holds for the page, the API and the command line alike.
 */
export async function isLastActiveSuperuser(id: string): Promise<boolean> {
  const target = await prisma.user.findUnique({ where: { id }, select: { isActive: true, isSuperuser: true } });
  if (!target?.isActive || !target.isSuperuser) return false;
  return (await prisma.user.count({ where: { isSuperuser: true, isActive: true, id: { not: id } } })) === 0;
}

/** The user agent of events a staff member caused (the account page says "by staff"). */
const STAFF_USER_AGENT = "staff";

/**
 * What staff actions leave on the target's events: not the staff member's address and browser,
 * which are none of the target's business. The log line still names the staff user.
 */
function staffActor(actor: AuthenticatedUser, requestId?: string): Actor {
  return {
    clientAddress: "",
    headers: new Headers({ "user-agent": STAFF_USER_AGENT }),
    staffUserId: actor.id,
    requestId,
  };
}

export type ManagedUserUpdate = { ok: true; user: GrantedUser } | NotFound | Forbidden | Invalid;

/**
 * Sets is_active / is_staff, turns a second factor off or sets the user's groups and direct
 * permissions, under the staff rules and the no-escalation rule (lib/permissions/user-grants.ts),
 * all checked before anything is written; deactivation ends the user's sessions and tokens at once.
 */
export async function updateManagedUser(
  id: string,
  change: StaffUserUpdate,
  caller: StaffIdentity,
  requestId?: string,
): Promise<ManagedUserUpdate> {
  const actor = caller.user;
  const row = await prisma.user.findUnique({
    where: { id },
    select: { id: true, isActive: true, isStaff: true, isSuperuser: true },
  });
  if (!row) return notFound();
  if (breaksStaffRules(actor, row, change)) return forbidden();
  const deactivates = change.is_active === false && row.isActive;
  const demotes = change.is_staff === false && row.isStaff;
  if ((deactivates || demotes) && (await isLastActiveSuperuser(id))) return forbidden();
  const grants = await planUserGrants(caller, id, { groups: change.groups, user_permissions: change.user_permissions });
  if (!grants.ok) return grants;

  const by = staffActor(actor, requestId);
  if (change.is_active !== undefined && change.is_active !== row.isActive) {
    // The check above answers most refusals; this one holds against a deactivation racing it.
    if (!(await setActive(id, change.is_active, by))) return forbidden();
  }
  if (change.is_staff !== undefined && change.is_staff !== row.isStaff) {
    await prisma.user.update({ where: { id }, data: { isStaff: change.is_staff } });
    await recordEvent(change.is_staff ? "staff_granted" : "staff_revoked", id, by);
  }
  // For a person who lost their phone and their recovery codes; audited as mfa_disabled.
  if (change.mfa === false) await disableTotp(id, by);
  await grants.apply(by);
  const [updated, granted] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id }, omit: { password: true } }),
    grantsOfUser(id),
  ]);
  return { ok: true, user: { ...serializeManagedUser(updated), ...granted } };
}
