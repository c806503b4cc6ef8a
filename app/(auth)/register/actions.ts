"use server";

import { redirect } from "next/navigation";
import { submittedValues, type FormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { registerAndLogIn } from "@/lib/login/login";
import { safeNextPath } from "@/lib/auth/next-path";
import { messages } from "@/lib/messages";
import { registrationSchema } from "@/lib/password-validation";
import { toFieldErrors } from "@/lib/validation";

const TYPED_FIELDS = ["username", "first_name", "last_name", "email"] as const;

/** The registration form's action: the same schema and domain functions as POST /api/register. */
export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, TYPED_FIELDS);
  const parsed = registrationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values, errors: toFieldErrors(parsed.error) };

  const info = await currentRequestInfo();
  const result = await registerAndLogIn(parsed.data, info);
  if (!result.ok) {
    return result.code === "invalid"
      ? { values, errors: result.errors }
      : { values, errors: {}, formError: messages.throttled(result.retryAfter) };
  }
  redirect(safeNextPath(formData.get("next")));
}
