"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ACCOUNT_PATH } from "@/components/account/links";
import { signInWithProvider } from "@/lib/login/authjs";
import { currentRequestInfo } from "@/lib/auth/current";
import { requireAccountHolder } from "@/lib/auth/page-guards";
import { allowProviderLink } from "@/lib/login/provider-connect";
import { providerSummaries } from "@/lib/auth/providers";
import { removeConnection } from "@/lib/connections";
import { config } from "@/lib/env";
import type { FormState } from "@/lib/form-state";
import { messages } from "@/lib/messages";
import { passwordConfirmSchema, toFieldErrors } from "@/lib/validation";

/** The account page's "Disconnect": the same domain function as DELETE /api/connections/{id}. */
export async function disconnectAction(formData: FormData): Promise<void> {
  const { user } = await requireAccountHolder(ACCOUNT_PATH);
  const id = formData.get("id");
  if (typeof id !== "string") return;
  const outcome = await removeConnection(user.id, id, await currentRequestInfo());
  if (outcome === "last-way") redirect(`${ACCOUNT_PATH}?connection=last-way#connections`);
  revalidatePath(ACCOUNT_PATH);
}

/**
 * "Connect <name>": the password (lib/login/provider-connect.ts) lets this session connect that
 * provider once, then Auth.js's sign-in sends the browser to it; its callback connects.
 */
export async function connectProviderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const identity = await requireAccountHolder(ACCOUNT_PATH);
  const provider = providerSummaries(config).find(({ id }) => id === formData.get("provider"));
  if (!provider) return { values: {}, errors: {}, formError: messages.providerFailed };
  const typed = formData.get("password");
  let password: string | undefined;
  if (typeof typed === "string" && typed !== "") {
    const parsed = passwordConfirmSchema.safeParse({ password: typed });
    if (!parsed.success) return { values: {}, errors: toFieldErrors(parsed.error) };
    password = parsed.data.password;
  }
  const info = await currentRequestInfo();
  const check = await allowProviderLink(identity, provider.id, password, info);
  if (!check.ok) {
    if (check.code === "invalid") return { values: {}, errors: check.errors };
    const formError =
      check.code === "throttled" ? messages.throttled(check.retryAfter) : (check.message ?? messages.permissionDenied);
    return { values: {}, errors: {}, formError };
  }
  return signInWithProvider(provider.id, ACCOUNT_PATH, info.secure);
}
