import { messages } from "@/lib/messages";
import { createSuperuser, findUserByUsername } from "@/lib/users/command-line";
import { registerSchema, toFieldErrors } from "@/lib/validation";
import { parseCommand } from "./arguments";
import { CommandError, refuse } from "./errors";
import { askNewPassword, type Prompts } from "./prompts";

// Django's createsuperuser: asks for what the flags do not give, or, with --no-input, takes it
// from the environment (Django's DJANGO_SUPERUSER_*), for scripts.

const OPTIONS = {
  username: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  "no-input": { type: "boolean" },
  // Django's older spelling.
  noinput: { type: "boolean" },
} as const;

type Flags = { username?: string; email?: string; password?: string };
type Answers = { username: string; email?: string; password: string };

const ENV_PREFIX = "VESTIBULE_SUPERUSER_";

/** An empty variable counts as unset, as Django's `or` does. */
function fromEnv(name: string): string | undefined {
  return process.env[ENV_PREFIX + name] || undefined;
}

function fromEnvironment(flags: Flags): Answers {
  const username = flags.username ?? fromEnv("USERNAME");
  const password = flags.password ?? fromEnv("PASSWORD");
  const missing = [
    ...(username === undefined ? [`Error: You must use --username or set ${ENV_PREFIX}USERNAME with --no-input.`] : []),
    ...(password === undefined ? [`Error: You must use --password or set ${ENV_PREFIX}PASSWORD with --no-input.`] : []),
  ];
  if (username === undefined || password === undefined) throw new CommandError(missing);
  return { username, email: flags.email ?? fromEnv("EMAIL"), password };
}

/** Checked as soon as it is typed, as Django does, so nobody types a password for nothing. */
async function checkUsername(username: string): Promise<void> {
  const parsed = registerSchema.pick({ username: true }).safeParse({ username });
  if (!parsed.success) refuse(toFieldErrors(parsed.error));
  if (await findUserByUsername(parsed.data.username)) refuse({ username: [messages.usernameTaken] });
}

function checkEmail(email: string): void {
  const parsed = registerSchema.pick({ email: true }).safeParse({ email });
  if (!parsed.success) refuse(toFieldErrors(parsed.error));
}

async function interview(flags: Flags, prompts: Prompts): Promise<Answers> {
  const username = flags.username ?? (await prompts.ask("Username: "));
  await checkUsername(username);
  const email = flags.email ?? (await prompts.ask("Email address: "));
  checkEmail(email);
  const password = flags.password ?? (await askNewPassword(prompts));
  return { username, email, password };
}

export async function createsuperuser(args: string[], prompts: Prompts): Promise<void> {
  const { values } = parseCommand(args, OPTIONS);
  const answers = values["no-input"] || values.noinput ? fromEnvironment(values) : await interview(values, prompts);
  const parsed = registerSchema.safeParse(answers);
  if (!parsed.success) refuse(toFieldErrors(parsed.error));
  const result = await createSuperuser(parsed.data);
  // The command line is not throttled, so a refusal is always field errors.
  if (!result.ok) refuse("errors" in result ? result.errors : {});
  process.stdout.write("Superuser created successfully.\n");
}
