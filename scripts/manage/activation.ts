import { setActive } from "@/lib/users/account";
import { parseCommand } from "./arguments";
import { requireUser } from "./lookup";

// A deactivated user cannot log in or use an API token (Django's is_active); deactivation
// also ends their sessions and tokens at once, and activation restores none of them.

export async function deactivate(args: string[]): Promise<void> {
  const { argument } = parseCommand(args, {}, "username");
  const user = await requireUser(argument);
  await setActive(user.id, false);
  process.stdout.write(`User ${JSON.stringify(user.username)} deactivated; their sessions and API tokens have ended.\n`);
}

export async function activate(args: string[]): Promise<void> {
  const { argument } = parseCommand(args, {}, "username");
  const user = await requireUser(argument);
  await setActive(user.id, true);
  process.stdout.write(`User ${JSON.stringify(user.username)} activated.\n`);
}
