import { issueToken } from "@/lib/tokens";
import { tokenCreateSchema, toFieldErrors } from "@/lib/validation";
import { parseCommand } from "./arguments";
import { CommandError, refuse } from "./errors";
import { requireUser } from "./lookup";

// DRF's drf_create_token, for our keys: stdout carries the key and nothing else, so that
// `KEY=$(npm run --silent manage -- createtoken alice)` works; the note goes to stderr.

const OPTIONS = { name: { type: "string" }, "expires-in-days": { type: "string" } } as const;

export async function createtoken(args: string[]): Promise<void> {
  const { values, argument } = parseCommand(args, OPTIONS, "username");
  const parsed = tokenCreateSchema.safeParse({ name: values.name, expires_in_days: values["expires-in-days"] });
  if (!parsed.success) refuse(toFieldErrors(parsed.error));
  const user = await requireUser(argument);
  // Its token would be refused at once (DRF: "User inactive or deleted.").
  if (!user.isActive)
    throw new CommandError([`Error: user ${JSON.stringify(user.username)} is inactive; activate it first.`]);

  const { name = "", expires_in_days: days } = parsed.data;
  const token = await issueToken(user, name, days);
  process.stdout.write(`${token.key}\n`);
  const label = name ? ` ${JSON.stringify(name)}` : "";
  const expiry = days ? `, expiring in ${days} day${days === 1 ? "" : "s"}` : "";
  process.stderr.write(
    `Created API token${label} for ${JSON.stringify(user.username)}${expiry}. The key above is shown only this once.\n`,
  );
}
