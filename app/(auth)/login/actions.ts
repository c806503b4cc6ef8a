"use server";

import { redirect } from "next/navigation";
import { submittedValues, type FormState } from "@/components/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { logIn } from "@/lib/auth/login";
import { safeNextPath } from "@/lib/auth/next-path";
import { messages } from "@/lib/messages";
import { PasswordHashingBusy } from "@/lib/passwords";
import { loginSchema, toFieldErrors } from "@/lib/validation";

/** The login form's action: the same schema and domain function as POST /api/login. */
export async function logInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["username"]);
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values, errors: toFieldErrors(parsed.error) };

  let result;
  try {
    result = await logIn(parsed.data, await currentRequestInfo());
  } catch (error) {
    // The hashing queue is full (the API's 503): the form says so instead of an error page.
    if (error instanceof PasswordHashingBusy) return { values, errors: {}, formError: messages.unavailable };
    throw error;
  }
  if (!result.ok) {
    // One message for an unknown user, a wrong password and an inactive account alike.
    const formError = result.reason === "throttled" ? messages.throttled(result.retryAfter) : messages.invalidLogin;
    return { values, errors: {}, formError };
  }
  redirect(safeNextPath(formData.get("next")));
}
