// Django's manage.py for Vestibule's users: `npm run manage -- <command> ...` (usage below).
// Runs under `tsx --conditions=react-server`, which makes lib's `import "server-only"` a no-op.
import { CommandError, UsageError } from "./manage/errors";
import { Prompts } from "./manage/prompts";
import { USAGE, isCommandName } from "./manage/usage";

const HELP_FLAGS = new Set(["-h", "--help"]);
const USAGE_HINT = 'Run "npm run manage -- --help" for usage.';

/** `help`, like Django's, or a help flag anywhere before a "--" (after it, "-h" could be a username). */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return argv[0] === "help" || argv.slice(0, end === -1 ? undefined : end).some((arg) => HELP_FLAGS.has(arg));
}

function report(error: unknown): number {
  if (error instanceof CommandError) {
    process.stderr.write(error.lines.map((line) => `${line}\n`).join(""));
    return 1;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`Error: ${error.message}\n${USAGE_HINT}\n`);
    return 2;
  }
  // A bug or an outage. Only the first line: Prisma's messages go on to quote the call's
  // arguments, which can include a password hash.
  const message = !(error instanceof Error)
    ? String(error)
    : error.name === "Error"
      ? error.message
      : `${error.name}: ${error.message}`;
  process.stderr.write(`Error: ${message.split("\n")[0]}\n`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (asksForHelp(argv)) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!isCommandName(name)) {
    process.stderr.write(`Error: unknown command ${JSON.stringify(name)}.\n\n${USAGE}`);
    return 2;
  }

  // pino writes log lines to stdout, which this tool keeps for results such as a token's key;
  // the audit trail still gets its AuthEvent rows. Set before lib/env reads it, once, on import.
  process.env.LOG_LEVEL ||= "warn";
  const { commands, prepareDatabase, shutdown } = await import("./manage/commands");
  const prompts = new Prompts();
  try {
    await prepareDatabase();
    await commands[name](args, prompts);
    return 0;
  } catch (error) {
    return report(error);
  } finally {
    prompts.close();
    await shutdown();
  }
}

// No process.exit(): the process ends once the pool and the connection are closed, so a
// leaked handle shows up as a hang in the tests instead of going unnoticed.
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
