import { renderMessage } from "@/lib/i18n/render-message";
import { DEFAULT_LOCALE } from "@/lib/i18n/locale";
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

/** "password: This password is too common.", one line per message, in English; flags are spelled with hyphens. */
export function fieldErrorLines(errors: FieldErrors): string[] {
  return Object.entries(errors).flatMap(([field, list]) =>
    list.map((message) => {
      const text = renderMessage(message, DEFAULT_LOCALE);
      return field === "non_field_errors" ? `Error: ${text}` : `${field.replaceAll("_", "-")}: ${text}`;
    }),
  );
}

export function refuse(errors: FieldErrors): never {
  throw new CommandError(fieldErrorLines(errors));
}
