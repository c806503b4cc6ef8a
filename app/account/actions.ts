"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { submittedValues, type AccountFormState, type FormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { endOwnSession, forgetDeletedAccount } from "@/lib/login/login";
import { message, messages } from "@/lib/messages";
import { issueTokenFor, revokeToken } from "@/lib/tokens";
import { passwordChangeSchemaFor } from "@/lib/password-validation";
import { changePassword } from "@/lib/users/account";
import { editProfile } from "@/lib/users/profile";
import { resendVerification } from "@/lib/email/verification";
import { deleteAccount } from "@/lib/users/deletion";
import { passwordConfirmSchema, profileSchema, tokenCreateSchema, toFieldErrors } from "@/lib/validation";
import { ACCOUNT_PATH } from "@/components/account/links";
import { requireAccountHolder } from "@/lib/auth/page-guards";

// The account page's forms. Each action finds the person from the request itself (a hidden
// input names only *which* session or token, and the domain functions check it is theirs) and
// calls the same domain function as the matching API endpoint.

const PROFILE_FIELDS = ["first_name", "last_name", "email"] as const;
const TOKEN_FIELDS = ["name", "expires_in_days"] as const;

export async function updateProfileAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  // The password is never sent back to be shown again.
  const values = submittedValues(formData, PROFILE_FIELDS);
  const parsed = profileSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values, errors: toFieldErrors(parsed.error) };

  const result = await editProfile(user, parsed.data, await currentRequestInfo());
  if (!result.ok)
    return result.code === "invalid"
      ? { values, errors: result.errors }
      : { values, errors: {}, formError: messages.throttled(result.retryAfter) };
  revalidatePath(ACCOUNT_PATH);
  const mailed = result.user.email !== user.email && result.user.email !== "";
  return { values, errors: {}, notice: message(mailed ? "profile.savedAndMailed" : "profile.saved") };
}

export async function changePasswordAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const identity = await requireAccountHolder(ACCOUNT_PATH);
  // Passwords are never sent back to be shown again.
  const parsed = passwordChangeSchemaFor(identity.user).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values: {}, errors: toFieldErrors(parsed.error) };

  const result = await changePassword(identity, parsed.data, await currentRequestInfo());
  if (!result.ok)
    return result.code === "invalid"
      ? { values: {}, errors: result.errors }
      : { values: {}, errors: {}, formError: messages.throttled(result.retryAfter) };
  // The sessions and tokens lists have just lost every other entry.
  revalidatePath(ACCOUNT_PATH);
  return { values: {}, errors: {}, notice: messages.passwordChanged };
}

export async function createTokenAction(_previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const identity = await requireAccountHolder(ACCOUNT_PATH);
  const values = submittedValues(formData, TOKEN_FIELDS);
  const parsed = tokenCreateSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values, errors: toFieldErrors(parsed.error) };
  const result = await issueTokenFor(identity, parsed.data, await currentRequestInfo());
  if (!result.ok && result.code === "invalid") return { values, errors: result.errors };
  if (!result.ok) return { values, errors: {}, formError: messages.permissionDenied };

  revalidatePath(ACCOUNT_PATH);
  // The key travels in this one answer only: it is stored nowhere it could be shown from again.
  return { values: {}, errors: {}, issued: { name: result.token.name, key: result.token.key } };
}

export async function revokeTokenAction(formData: FormData): Promise<void> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const id = formData.get("id");
  if (typeof id === "string") await revokeToken(user.id, id, await currentRequestInfo());
  revalidatePath(ACCOUNT_PATH);
}

export async function revokeSessionAction(formData: FormData): Promise<void> {
  const identity = await requireAccountHolder(ACCOUNT_PATH);
  const id = formData.get("id");
  if (typeof id === "string" && (await endOwnSession(identity, id, await currentRequestInfo())) === "logged-out")
    redirect("/");
  revalidatePath(ACCOUNT_PATH);
}

export async function resendVerificationAction(): Promise<void> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const result = await resendVerification(user, await currentRequestInfo());
  const outcome = result.ok ? "sent" : result.code === "throttled" ? "throttled" : result.reason;
  redirect(`${ACCOUNT_PATH}?verification=${outcome}#profile`);
}

export async function deleteAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const holder = await requireAccountHolder(ACCOUNT_PATH);
  const parsed = passwordConfirmSchema.safeParse(Object.fromEntries(formData));
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  if (formData.get("confirm") !== "yes") errors.confirm = [message("deleteAccount.tickTheBox")];
  if (!parsed.success || errors.confirm) return { values: {}, errors };

  const info = await currentRequestInfo();
  const result = await deleteAccount(holder, parsed.data.password, info);
  if (!result.ok) {
    if (result.code === "invalid") return { values: {}, errors: result.errors };
    const formError =
      result.code === "throttled"
        ? messages.throttled(result.retryAfter)
        : result.why === "session_required"
          ? messages.permissionDenied
          : message("deleteAccount.lastSuperuser");
    return { values: {}, errors: {}, formError };
  }
  await forgetDeletedAccount(info);
  redirect("/?account=deleted");
}
