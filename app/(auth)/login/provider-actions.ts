"use server";

import { redirect } from "next/navigation";
import { signInWithProvider } from "@/lib/login/authjs";
import { currentIdentity, currentRequestInfo } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/next-path";
import { isAuthenticated } from "@/lib/auth/permissions";
import { providerSummaries } from "@/lib/auth/providers";
import { config } from "@/lib/env";

/**
 * "Continue with <name>" on /login: Auth.js's sign-in, which sets its PKCE, state and nonce
 * cookies and redirects to the provider. A plain form post, so it works without JavaScript; as a
 * server action it is guarded by Next's Origin check. Someone signed in is sent to connect from
 * /account instead (with the password): from here the provider's answer would link, not sign in.
 */
export async function continueWithProviderAction(formData: FormData): Promise<void> {
  if (isAuthenticated(await currentIdentity())) redirect("/account#connections");
  const provider = providerSummaries(config).find(({ id }) => id === formData.get("provider"));
  const next = safeNextPath(formData.get("next"));
  if (!provider) return;
  await signInWithProvider(provider.id, next, (await currentRequestInfo()).secure);
}
