import type { AuthenticatedUser } from "@/lib/auth/types";

/** The contract's user object (docs/API.md, "The user object"). */
export function serializeUser(user: AuthenticatedUser) {
  return {
    id: user.id,
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    email_verified: user.emailVerified !== null,
    is_staff: user.isStaff,
    date_joined: user.dateJoined.toISOString(),
    last_login: user.lastLogin ? user.lastLogin.toISOString() : null,
  };
}
