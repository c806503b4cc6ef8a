import { setActive } from "@/lib/users/account";
import { isLastActiveSuperuser } from "@/lib/users/managed-users";
import { parseCommand } from "./arguments";
import { CommandError } from "./errors";
import { requireUser } from "./lookup";

// A deactivated user cannot log in or use an API token (Django's is_active); deactivation
// also ends their sessions and tokens at once, and activation restores none of them.
// The operator may act on any account, staff and superusers included (as manage.py does), but
// not deactivate the last active superuser: nobody could manage staff on the site after that.

export async function deactivate(args: string[]): Promise<void> {
  const { argument } = parseCommand(args, {}, "username");
  const user = await requireUser(argument);
  const lastSuperuser = () =>
    new CommandError([
      `User ${JSON.stringify(user.username)} is the last active superuser: create or activate another superuser first.`,
    ]);
  if (await isLastActiveSuperuser(user.id)) throw lastSuperuser();
  if (!(await setActive(user.id, false))) throw lastSuperuser();
  process.stdout.write(
    `User ${JSON.stringify(user.username)} deactivated; their sessions and API tokens have ended.\n`,
  );
}

export async function activate(args: string[]): Promise<void> {
  const { argument } = parseCommand(args, {}, "username");
  const user = await requireUser(argument);
  await setActive(user.id, true);
  process.stdout.write(`User ${JSON.stringify(user.username)} activated.\n`);
}
