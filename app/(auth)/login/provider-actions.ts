"use server";

import { signInWithProvider } from "@/lib/auth/authjs";
import { currentRequestInfo } from "@/lib/auth/current";
import { safeNextPath } from "@/lib/auth/next-path";
import { providerSummaries } from "@/lib/auth/providers";
import { config } from "@/lib/env";

/**
 * "Continue with <name>" (on /login) and "Connect" (on /account): Auth.js's sign-in, which sets its
 * PKCE, state and nonce cookies and redirects to the provider. A plain form post, so it works
 * without JavaScript; as a server action it is guarded by Next's Origin check.
 */
export async function continueWithProviderAction(formData: FormData): Promise<void> {
  const provider = providerSummaries(config).find(({ id }) => id === formData.get("provider"));
  const next = safeNextPath(formData.get("next"));
  if (!provider) return;
  await signInWithProvider(provider.id, next, (await currentRequestInfo()).secure);
}
