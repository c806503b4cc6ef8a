import "server-only";
import { prisma } from "@/lib/db";
import { validatePassword } from "@/lib/password-validation";
import type { AuthenticatedUser } from "@/lib/auth/types";
import { setPassword } from "@/lib/users/account";
import { usernameKey } from "@/lib/auth/username-key";
import { toAuthenticatedUser } from "@/lib/auth/user-row";
import type { FieldErrors } from "@/lib/validation";

export { createSuperuser } from "@/lib/users/register";

// What an administrator does from the command line (scripts/manage.ts), outside any request:
// no throttling, no session, no cookie.

/** The user with this username in any case ("Alice" finds "alice"), or null. */
export async function findUserByUsername(username: string): Promise<AuthenticatedUser | null> {
  const row = await prisma.user.findUnique({ where: { usernameKey: usernameKey(username) }, omit: { password: true } });
  return row && toAuthenticatedUser(row);
}

export type ReplacePasswordResult = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * Django's changepassword: a new password without the old one, checked by the same validators.
 * Every session and API token of the user ends (setPassword).
 */
export async function replacePassword(user: AuthenticatedUser, password: string): Promise<ReplacePasswordResult> {
  const problems = validatePassword(password, {
    username: user.username,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
  });
  if (problems.length) return { ok: false, errors: { password: problems } };
  await setPassword(user.id, password);
  return { ok: true };
}
