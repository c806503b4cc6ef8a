"use server";

import type { ResetFormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { confirmPasswordReset } from "@/lib/password-reset";
import { resetConfirmSchema } from "@/lib/password-validation";
import { toFieldErrors, type FieldErrors } from "@/lib/validation";

// A wrong uid or token is a link problem, not a field the person can correct.
const isLinkProblem = (errors: FieldErrors) => "uid" in errors || "token" in errors;

/** The new-password form's action: the same schema and domain function as POST /api/password/reset/confirm. */
export async function confirmResetAction(_previous: ResetFormState, formData: FormData): Promise<ResetFormState> {
  // The password is never sent back to be shown again.
  const parsed = resetConfirmSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = toFieldErrors(parsed.error);
    return isLinkProblem(errors) ? { values: {}, errors: {}, outcome: "invalid-link" } : { values: {}, errors };
  }

  const result = await confirmPasswordReset(parsed.data, await currentRequestInfo());
  if (!result.ok)
    return isLinkProblem(result.errors)
      ? { values: {}, errors: {}, outcome: "invalid-link" }
      : { values: {}, errors: result.errors };
  return { values: {}, errors: {}, outcome: "done" };
}
