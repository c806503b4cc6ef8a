import type { AuthenticatedUser } from "@/lib/auth/types";
import { findUserByUsername } from "@/lib/users/command-line";
import { CommandError } from "./errors";

/** The user a command names, in any case of their username, or a refusal. */
export async function requireUser(username: string): Promise<AuthenticatedUser> {
  const user = await findUserByUsername(username);
  if (!user) throw new CommandError([`Error: no user named ${JSON.stringify(username)}.`]);
  return user;
}
