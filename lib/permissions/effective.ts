import "server-only";
import { Prisma } from "@prisma/client";
import type { Identity, SignedIn } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { CODENAMES } from "@/lib/permissions/catalogue";
import type { PermissionRequest } from "@/lib/permissions/classes";

// What a request may do, as Django's ModelBackend answers user.has_perm(): a user's permissions
// are their groups' plus their own; a superuser holds every one, an inactive user none. Worked
// out at most once per request (cached on the identity object, which lives as long as the
// request) with one query, and with none for the many users who have no grants (User.hasGrants).
// A scoped token (ApiToken.permissions) narrows that to the intersection with its list. Nothing
// is cached across requests: a change is effective at the next request, on every instance.

const cache = new WeakMap<SignedIn, Promise<ReadonlySet<string>>>();
const NONE: ReadonlySet<string> = new Set();

/** The user's own permissions, from the database: one UNION of their groups' and their direct ones. */
async function grantedTo(userId: string): Promise<ReadonlySet<string>> {
  const rows = await prisma.$queryRaw<Array<{ codename: string }>>(Prisma.sql`
    SELECT gp."codename" FROM "UserGroup" ug JOIN "GroupPermission" gp ON gp."groupId" = ug."groupId"
    WHERE ug."userId" = ${userId}
    UNION
    SELECT up."codename" FROM "UserPermission" up WHERE up."userId" = ${userId}`);
  return new Set(rows.map((row) => row.codename));
}

function within(scope: readonly string[] | null | undefined, held: ReadonlySet<string>): ReadonlySet<string> {
  if (!scope) return held;
  return new Set(scope.filter((codename) => held.has(codename)));
}

async function compute(identity: SignedIn): Promise<ReadonlySet<string>> {
  const { user, scope } = identity;
  if (!user.isActive) return NONE;
  if (user.isSuperuser) return within(scope, CODENAMES);
  if (!user.hasGrants) return NONE;
  return within(scope, await grantedTo(user.id));
}

function signedInAs(identity: Identity): SignedIn | null {
  return identity.user.isAuthenticated ? (identity as SignedIn) : null;
}

/** The codenames this request may use (a superuser's: the whole catalogue), worked out once per request. */
export function permissionsOf(identity: Identity): Promise<ReadonlySet<string>> {
  const signedIn = signedInAs(identity);
  if (!signedIn) return Promise.resolve(NONE);
  let found = cache.get(signedIn);
  if (!found) {
    found = compute(signedIn);
    // A failed read is not remembered: the error reaches this caller, the next one asks again.
    found.catch(() => cache.delete(signedIn));
    cache.set(signedIn, found);
  }
  return found;
}

/** Django's user.has_perm(codename): an active superuser holds any codename (unless a token's scope leaves it out). */
export async function hasPerm(identity: Identity, codename: string): Promise<boolean> {
  const signedIn = signedInAs(identity);
  if (!signedIn?.user.isActive) return false;
  if (signedIn.user.isSuperuser && !signedIn.scope) return true;
  return (await permissionsOf(signedIn)).has(codename);
}

/** Django's user.has_perms(list): every one of them. */
export async function hasPerms(identity: Identity, codenames: readonly string[]): Promise<boolean> {
  for (const codename of codenames) if (!(await hasPerm(identity, codename))) return false;
  return true;
}

/** What a permission class asks of a request (lib/permissions/classes.ts), with this request's permissions. */
export function permissionRequest(identity: Identity, method: string): PermissionRequest {
  return { identity, method, hasPerms: (codenames) => hasPerms(identity, codenames) };
}
