import type { FieldErrors } from "@/lib/validation";

// Django's CommandError: the command refuses, and says why on stderr, one problem a line.

/** Refused input or state: each line is printed to stderr as is; the exit status is 1. */
export class CommandError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

/** A malformed command line (unknown option, missing argument): the exit status is 2. */
export class UsageError extends Error {}

/** "password: This password is too common.", one line per message; flags are spelled with hyphens. */
export function fieldErrorLines(errors: FieldErrors): string[] {
  return Object.entries(errors).flatMap(([field, list]) =>
    list.map((message) =>
      field === "non_field_errors" ? `Error: ${message}` : `${field.replaceAll("_", "-")}: ${message}`,
    ),
  );
}

export function refuse(errors: FieldErrors): never {
  throw new CommandError(fieldErrorLines(errors));
}
