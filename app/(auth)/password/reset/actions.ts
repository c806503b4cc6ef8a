"use server";

import { submittedValues, type ResetFormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { messages } from "@/lib/messages";
import { requestPasswordReset } from "@/lib/password-reset";
import { passwordResetSchema, toFieldErrors } from "@/lib/validation";

/** The "forgot your password?" form's action: the same schema and domain function as POST /api/password/reset. */
export async function requestResetAction(_previous: ResetFormState, formData: FormData): Promise<ResetFormState> {
  const values = submittedValues(formData, ["email"]);
  const parsed = passwordResetSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values, errors: toFieldErrors(parsed.error) };

  const result = await requestPasswordReset(parsed.data.email, await currentRequestInfo());
  if (!result.ok) return { values, errors: {}, formError: messages.throttled(result.retryAfter) };
  // The same answer whether or not an account uses the address: the page must not tell either.
  return { values, errors: {}, notice: messages.resetSent };
}
