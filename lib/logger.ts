import "server-only";
import pino from "pino";
import { config } from "@/lib/env";

// Structured JSON logs. Anything that could carry a secret is redacted by path, as a second
// line of defence: the code never puts passwords, hashes, keys or tokens in a log call.
export const logger = pino({
  level: config.LOG_LEVEL,
  base: undefined,
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "key",
      "*.key",
      "authorization",
      "*.authorization",
      "cookie",
      "*.cookie",
      "sessionToken",
      "*.sessionToken",
    ],
    censor: "[redacted]",
  },
});

/**
 * What a log line says of an error: its name, the first line of its message and its stack frames.
 * Not the rest of the message: Prisma's go on to quote the call's arguments, which can hold a hash.
 */
export function errorSummary(error: unknown): { name?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { message: "non-Error thrown" };
  const frames = error.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .join("\n");
  return { name: error.name, message: error.message.split("\n")[0], stack: frames };
}
