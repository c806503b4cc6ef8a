import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The first line only: some of parseArgs's messages go on to explain, over several lines. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/**
 * A command's flags (util.parseArgs, strict) and its one positional argument, if it takes one.
 * Positionals are counted, never echoed: a password typed in the wrong place must not be printed.
 */
export function parseCommand<O extends Options>(args: string[], options: O, positional?: string) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(firstLine(error));
  }
  const { values, positionals } = parsed;
  if (positional && positionals.length !== 1)
    throw new UsageError(`expected one ${positional}, got ${positionals.length} arguments.`);
  if (!positional && positionals.length)
    throw new UsageError(`this command takes no arguments, got ${positionals.length}.`);
  return { values, argument: positionals[0] ?? "" };
}
