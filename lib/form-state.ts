import type { FieldErrors } from "@/lib/validation";

/**
 * What a form's server action returns: the errors to show and the values typed, so a page
 * rendered without JavaScript can show them again. Never the password.
 */
export type FormState = {
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
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
