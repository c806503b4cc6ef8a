import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { FormError } from "@/components/form-error";
import { LoginForm } from "@/components/login/login-form";
import { ProviderButtons } from "@/components/login/provider-buttons";
import { providerErrorMessage } from "@/lib/auth/provider-errors";

import { currentIdentity } from "@/lib/auth/current";
import { isAuthenticated } from "@/lib/auth/permissions";
import { providerSummaries } from "@/lib/auth/providers";
import { config } from "@/lib/env";
import { safeNextPath } from "@/lib/auth/next-path";
import { PasskeyButton } from "@/components/mfa/passkey-button";
import { logInAction, passkeyLoginAction, passkeyLoginOptionsAction } from "./actions";
import { continueWithProviderAction } from "./provider-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("login") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const providerError = providerErrorMessage(params.error);
  const t = await getTranslations("login");
  const register = next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`;
  const providers = providerSummaries(config);
  // Signed in, a provider's answer would connect it to this account: that is done from /account, with the password.
  const signedIn = isAuthenticated(await currentIdentity());
  return (
    <>
      <h1>{t("title")}</h1>
      <FormError message={providerError} />
      <LoginForm action={logInAction} next={next} />
      {signedIn ? (
        providers.length > 0 && (
          <p className="hint">
            {t.rich("connectFromAccount", { link: (chunks) => <Link href="/account#connections">{chunks}</Link> })}
          </p>
        )
      ) : (
        <ProviderButtons providers={providers} next={next} action={continueWithProviderAction} />
      )}
      <PasskeyButton
        label={t("passkey")}
        getOptions={passkeyLoginOptionsAction}
        finish={passkeyLoginAction}
        next={next}
      />
      <p className="hint">
        <Link href="/password/reset">{t("forgot")}</Link>
      </p>
      <p className="hint">
        {t("noAccount")} <Link href={register}>{t("register")}</Link>
      </p>
    </>
  );
}
