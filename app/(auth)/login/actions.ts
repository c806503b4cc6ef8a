"use server";

import { redirect } from "next/navigation";
import { submittedValues, type FormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { logIn } from "@/lib/login/login";
import { safeNextPath } from "@/lib/auth/next-path";
import { messages } from "@/lib/messages";
import { logInWithPasskey, passkeyLoginOptions } from "@/lib/login/passkey-login";
import { setTicketCookie } from "@/lib/mfa/ticket-cookie";
import { PasswordHashingBusy } from "@/lib/passwords";
import { isRefusal } from "@/lib/refusal";
import { loginSchema, passkeyLoginSchema, toFieldErrors } from "@/lib/validation";

/** The login form's action: the same schema and domain function as POST /api/login. */
export async function logInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["username"]);
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values, errors: toFieldErrors(parsed.error) };

  const info = await currentRequestInfo();
  let result;
  try {
    result = await logIn(parsed.data, info);
  } catch (error) {
    // The hashing queue is full (the API's 503): the form says so instead of an error page.
    if (error instanceof PasswordHashingBusy) return { values, errors: {}, formError: messages.unavailable };
    throw error;
  }
  const next = safeNextPath(formData.get("next"));
  if (result.ok && result.secondFactor) {
    await setTicketCookie(result.secondFactor.ticket, info.secure);
    redirect(next === "/" ? "/login/mfa" : `/login/mfa?next=${encodeURIComponent(next)}`);
  }
  if (!result.ok) {
    // One message for an unknown user, a wrong password and an inactive account alike.
    const formError = result.code === "throttled" ? messages.throttled(result.retryAfter) : messages.invalidLogin;
    return { values, errors: {}, formError };
  }
  redirect(next);
}

/** "Sign in with a passkey": options for any discoverable credential of this site. */
export async function passkeyLoginOptionsAction() {
  const options = await passkeyLoginOptions(await currentRequestInfo());
  return isRefusal(options) ? null : options;
}

/** The same domain function as POST /api/login/passkey; a passkey needs no second step. */
export async function passkeyLoginAction(credential: unknown, next: string): Promise<FormState> {
  const parsed = passkeyLoginSchema.safeParse({ credential });
  let result;
  try {
    result = parsed.success ? await logInWithPasskey(parsed.data.credential, await currentRequestInfo()) : null;
  } catch (error) {
    if (error instanceof PasswordHashingBusy) return { values: {}, errors: {}, formError: messages.unavailable };
    throw error;
  }
  if (result && !result.ok && result.code === "throttled")
    return { values: {}, errors: {}, formError: messages.throttled(result.retryAfter) };
  if (!result?.ok) return { values: {}, errors: {}, formError: messages.invalidLogin };
  redirect(safeNextPath(next));
}
