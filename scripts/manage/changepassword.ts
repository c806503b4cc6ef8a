import { replacePassword } from "@/lib/users/command-line";
import { registerSchema, toFieldErrors } from "@/lib/validation";
import { parseCommand } from "./arguments";
import { refuse } from "./errors";
import { requireUser } from "./lookup";
import { askNewPassword, type Prompts } from "./prompts";

// Django's changepassword: sets a password without the old one. The user's sessions and API
// tokens end, as after any password change.

export async function changepassword(args: string[], prompts: Prompts): Promise<void> {
  const { values, argument } = parseCommand(args, { password: { type: "string" } }, "username");
  const user = await requireUser(argument);
  if (values.password === undefined)
    process.stderr.write(`Changing password for user ${JSON.stringify(user.username)}\n`);
  const password = values.password ?? (await askNewPassword(prompts));
  const parsed = registerSchema.pick({ password: true }).safeParse({ password });
  if (!parsed.success) refuse(toFieldErrors(parsed.error));
  const result = await replacePassword(user, parsed.data.password);
  if (!result.ok) refuse(result.errors);
  process.stdout.write(
    `Password changed successfully for user ${JSON.stringify(user.username)}; their sessions and API tokens have ended.\n`,
  );
}
