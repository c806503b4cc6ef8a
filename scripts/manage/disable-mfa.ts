import { COMMAND_LINE } from "@/lib/audit";
import { disableTotp } from "@/lib/mfa/authenticator";
import { parseCommand } from "./arguments";
import { requireUser } from "./lookup";

// For a person who lost their phone and their recovery codes, as staff's switch on
// /admin/users/{id} does: the authenticator app and recovery codes go; audited as mfa_disabled.

export async function disableMfa(args: string[]): Promise<void> {
  const { argument } = parseCommand(args, {}, "username");
  const user = await requireUser(argument);
  const removed = await disableTotp(user.id, COMMAND_LINE);
  process.stdout.write(
    removed
      ? `Two-factor authentication turned off for ${JSON.stringify(user.username)}.\n`
      : `User ${JSON.stringify(user.username)} had no two-factor authentication.\n`,
  );
}
