import type { Message } from "@/lib/messages";
import type { FieldErrors } from "@/lib/validation";

// What the forms' server actions return, shared by the actions (app/) and the forms that show it
// (components/): no server-only code here.

/**
 * What a form's server action returns: the errors to show and the values typed, so a page
 * rendered without JavaScript can show them again. Never the password.
 */
export type FormState = {
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: Message;
};

export const emptyFormState: FormState = { errors: {}, values: {} };

/** The named text fields of a submission, to hand back with its errors. */
export function submittedValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** A token just created: its key exists only in this answer, never in a page read later. */
export type NewTokenKey = { name: string; key: string };

/**
 * What the account page's form actions return: a FormState, plus a confirmation to show and,
 * after creating a token, its one-time key. The extras are optional, so every FormState is one.
 */
export type AccountFormState = FormState & { notice?: Message; issued?: NewTokenKey };

/** What the two-factor forms return: a FormState, plus recovery codes shown this once. */
export type MfaFormState = FormState & { notice?: Message; recoveryCodes?: string[] };

/**
 * What the password reset forms' actions return: a FormState, plus how the request ended. The
 * extras are optional, so every FormState is one.
 */
export type ResetFormState = FormState & { notice?: Message; outcome?: "done" | "invalid-link" };
