import type { User as UserRow } from "@prisma/client";
import type { AuthenticatedUser } from "@/lib/auth/types";

export type { UserRow };
export type PublicUserRow = Omit<UserRow, "password">;

/**
 * The user columns of PublicUserRow for hand-written SQL on the hot path (one JOIN per request
 * instead of Prisma's two queries for an `include`). Quoted names read the same on SQLite and
 * PostgreSQL; Prisma's $queryRaw maps the column types back (Date, boolean).
 */
export const USER_COLUMNS = `u."id", u."username", u."usernameKey", u."firstName", u."lastName", u."email", u."isActive", u."isStaff", u."isSuperuser", u."dateJoined", u."lastLogin", u."emailVerified", u."image", u."resetRequestedAt", u."credentialsVersion", u."hasGrants"`;

/** The user as the domain sees it: everything but the password hash. */
export function toAuthenticatedUser(row: PublicUserRow): AuthenticatedUser {
  return {
    isAuthenticated: true,
    id: row.id,
    username: row.username,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    emailVerified: row.emailVerified,
    isActive: row.isActive,
    isStaff: row.isStaff,
    isSuperuser: row.isSuperuser,
    dateJoined: row.dateJoined,
    lastLogin: row.lastLogin,
    credentialsVersion: row.credentialsVersion,
    hasGrants: row.hasGrants,
  };
}
