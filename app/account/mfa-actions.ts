"use server";

import { revalidatePath } from "next/cache";
import type { FormState, MfaFormState } from "@/lib/form-state";
import { currentRequestInfo } from "@/lib/auth/current";
import { message, messages } from "@/lib/messages";
import { beginTotpSetup, confirmTotp, disableTotp, regenerateRecoveryCodes } from "@/lib/mfa/authenticator";
import { recheckPassword } from "@/lib/auth/password-check";
import { addPasskey, passkeyCreationOptions, removePasskey } from "@/lib/mfa/passkeys";
import { mfaCodeSchema, passkeyCreateSchema, passwordConfirmSchema, toFieldErrors } from "@/lib/validation";
import { ACCOUNT_PATH } from "@/components/account/links";
import { requireAccountHolder } from "@/lib/auth/page-guards";

// The account page's two-factor and passkey forms: the same domain functions as /api/mfa and
// /api/passkeys. Nothing typed (passwords, codes) is handed back to the form.

async function withPassword(
  formData: FormData,
  then: (user: { id: string; username: string }) => Promise<MfaFormState>,
): Promise<MfaFormState> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const parsed = passwordConfirmSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values: {}, errors: toFieldErrors(parsed.error) };
  const check = await recheckPassword(user, parsed.data.password, await currentRequestInfo());
  if (!check.ok)
    return check.code === "invalid"
      ? { values: {}, errors: check.errors }
      : { values: {}, errors: {}, formError: messages.throttled(check.retryAfter) };
  const state = await then(user);
  revalidatePath(ACCOUNT_PATH);
  return state;
}

export async function beginTotpAction(_previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  return withPassword(formData, async (user) => {
    const pending = await beginTotpSetup(user.id, user.username);
    return pending ? { values: {}, errors: {} } : { values: {}, errors: {}, formError: messages.mfaAlreadyOn };
  });
}

export async function confirmTotpAction(_previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const parsed = mfaCodeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { values: {}, errors: toFieldErrors(parsed.error) };
  const result = await confirmTotp(user.id, parsed.data.code, await currentRequestInfo());
  if (!result.ok)
    return result.errors.code
      ? { values: {}, errors: result.errors }
      : { values: {}, errors: {}, formError: messages.nothingPending };
  revalidatePath(ACCOUNT_PATH);
  return { values: {}, errors: {}, recoveryCodes: result.recoveryCodes };
}

export async function regenerateCodesAction(_previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  return withPassword(formData, async (user) => {
    const codes = await regenerateRecoveryCodes(user.id, await currentRequestInfo());
    return codes
      ? { values: {}, errors: {}, recoveryCodes: codes }
      : { values: {}, errors: {}, formError: messages.mfaOff };
  });
}

export async function disableTotpAction(_previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  return withPassword(formData, async (user) => {
    await disableTotp(user.id, await currentRequestInfo());
    return { values: {}, errors: {}, notice: messages.mfaOff };
  });
}

export async function passkeyOptionsAction(password: string) {
  const formData = new FormData();
  formData.set("password", password);
  let options: Awaited<ReturnType<typeof passkeyCreationOptions>> | null = null;
  const state = await withPassword(formData, async (user) => {
    options = await passkeyCreationOptions(user);
    return { values: {}, errors: {} };
  });
  return { state, options };
}

export async function addPasskeyAction(credential: unknown, name: string): Promise<FormState> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const parsed = passkeyCreateSchema.safeParse({ credential, name });
  if (!parsed.success) return { values: {}, errors: toFieldErrors(parsed.error) };
  const added = await addPasskey(user.id, parsed.data.credential, parsed.data.name, await currentRequestInfo());
  revalidatePath(ACCOUNT_PATH);
  return added ? { values: {}, errors: {} } : { values: {}, errors: {}, formError: messages.invalidPasskey };
}

export async function removePasskeyAction(_previous: MfaFormState, formData: FormData): Promise<MfaFormState> {
  const id = formData.get("id");
  return withPassword(formData, async (user) => {
    const removed = typeof id === "string" && (await removePasskey(user.id, id, await currentRequestInfo()));
    return removed
      ? { values: {}, errors: {}, notice: message("passkeys.removed") }
      : { values: {}, errors: {}, formError: messages.notFound };
  });
}
