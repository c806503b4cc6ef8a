"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import type { ProviderSummary } from "@/lib/auth/providers";
import { passwordConfirmSchema } from "@/lib/validation";

type Props = {
  providers: ProviderSummary[];
  /** False for an account without a password: a recent sign-in stands for it. */
  askPassword: boolean;
  action: FormAction;
};

// An account without a password has no field to fill: nothing is checked before the post.
const noPassword = z.object({ password: z.string().optional() });

/** "Connect <name>" for each provider not yet connected, behind the password (a button per provider). */
export function ConnectProviderForm({ providers, askPassword, action }: Props) {
  const t = useTranslations("connections");
  const names = useTranslations("providers");
  const form = useActionForm(
    useForm<{ password?: string }>({
      resolver: zodResolver(askPassword ? passwordConfirmSchema : noPassword),
      mode: "onTouched",
    }),
    action,
  );
  if (!providers.length) return null;
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate aria-label={t("connectLabel")}>
      <FormError message={form.state.formError} />
      {askPassword ? (
        <Field
          id="connect-provider-password"
          label={t("yourPassword")}
          type="password"
          autoComplete="current-password"
          {...form.field("password")}
        />
      ) : (
        <p className="hint">{t("recentSignIn")}</p>
      )}
      <div className="providers">
        {providers.map((provider) => (
          <button key={provider.id} type="submit" name="provider" value={provider.id} disabled={form.pending}>
            {names("connect", { name: provider.name })}
          </button>
        ))}
      </div>
    </form>
  );
}
