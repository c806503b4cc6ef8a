import type { Metadata } from "next";
import Link from "next/link";
import { FormError } from "@/components/form-error";
import { LoginForm } from "@/components/login/login-form";
import { ProviderButtons } from "@/components/login/provider-buttons";
import { providerErrorMessage } from "@/lib/auth/provider-errors";
import { providerSummaries } from "@/lib/auth/providers";
import { config } from "@/lib/env";
import { safeNextPath } from "@/lib/auth/next-path";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { logInAction, passkeyLoginAction, passkeyLoginOptionsAction } from "./actions";
import { continueWithProviderAction } from "./provider-actions";

export const metadata: Metadata = { title: "Log in · Vestibule" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const providerError = providerErrorMessage(params.error);
  const register = next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`;
  return (
    <>
      <h1>Log in</h1>
      <FormError message={providerError} />
      <LoginForm action={logInAction} next={next} />
      <ProviderButtons providers={providerSummaries(config)} next={next} action={continueWithProviderAction} />
      <PasskeyButton
        label="Sign in with a passkey"
        getOptions={passkeyLoginOptionsAction}
        finish={passkeyLoginAction}
        next={next}
      />
      <p className="hint">
        <Link href="/password/reset">Forgot your password?</Link>
      </p>
      <p className="hint">
        No account yet? <Link href={register}>Register</Link>
      </p>
    </>
  );
}
