import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import type { z } from "zod";
import type { Message } from "@/lib/messages";
import { passwordProblems, stringValues, withPasswordRules, type PasswordUser } from "@/lib/password-rules";
import type { AuthenticatedUser } from "@/lib/auth/types";
import {
  passwordChangeSchema,
  passwordResetConfirmSchema,
  REGISTER_ATTRIBUTES,
  registerSchema,
} from "@/lib/validation";

export { exceedsMaximumLengthRatio, MAX_PASSWORD_LENGTH, quickRatio, type PasswordUser } from "@/lib/password-rules";

let commonPasswords: Set<string> | undefined;

/**
 * The common-password list of zxcvbn-ts (@zxcvbn-ts/language-common, MIT): about 49,000
 * passwords by frequency, broader than Django's 20,000 (common-passwords.txt.gz), so a few
 * passwords Django accepts are refused here. The Set is built once, on first use.
 */
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase().trim());
}

/** Every message of Django's four default validators, in Django's order; empty when the password is fine. */
export function validatePassword(password: string, user: PasswordUser): Message[] {
  return passwordProblems(password, user, isCommon);
}

/**
 * A server form's schema that reports Django's validators on `field` beside the other fields'
 * errors (DRF answers them all at once). A body whose fields all parse is left to the domain
 * function, which validates against the real user.
 */
export function withPasswordErrors<S extends z.ZodObject>(
  schema: S,
  field: string,
  user?: (values: Record<string, unknown>) => PasswordUser,
): z.ZodType<z.output<S>, z.input<S>> {
  return withPasswordRules(schema, field, { user, isCommon, besideOtherErrors: true });
}

/** The user a password is compared with (Django's UserAttributeSimilarityValidator). */
export const passwordUserOf = (user: AuthenticatedUser): PasswordUser => ({
  username: user.username,
  first_name: user.firstName,
  last_name: user.lastName,
  email: user.email,
});

// The bodies whose password is checked on the server, where the common-password list is: what
// POST /api/register, /api/password/reset/confirm and /api/password/change validate (their
// declarations in lib/api/routes.ts), and the forms' server actions too.

/** Registration: every field's errors and the password validators' in one answer. */
export const registrationSchema = withPasswordErrors(registerSchema, "password", (values) =>
  stringValues(values, REGISTER_ATTRIBUTES),
);

/** Reset confirm: the new password's problems beside other fields' errors (the user is not known yet). */
export const resetConfirmSchema = withPasswordErrors(passwordResetConfirmSchema, "new_password");

/** Password change, for this user: the new password's problems beside other fields' errors. */
export function passwordChangeSchemaFor(user: AuthenticatedUser) {
  return withPasswordErrors(passwordChangeSchema, "new_password", () => passwordUserOf(user));
}
