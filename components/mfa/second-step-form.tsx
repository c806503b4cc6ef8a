"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { mfaCodeSchema } from "@/lib/validation";

/** The second step's code: from the authenticator app, or (recovery) one of the recovery codes. */
export function SecondStepForm({ action, next, recovery }: { action: FormAction; next: string; recovery: boolean }) {
  const t = useTranslations("secondStep");
  const form = useForm({ resolver: zodResolver(mfaCodeSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="card">
      <FormError message={state.formError} />
      <input type="hidden" name="next" value={next} />
      {recovery ? (
        <Field
          label={t("recoveryCode")}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          hint={t("recoveryCodeHint")}
          {...field("code")}
        />
      ) : (
        <Field label={t("appCode")} inputMode="numeric" autoComplete="one-time-code" {...field("code")} />
      )}
      <button type="submit" disabled={pending}>
        {t("verify")}
      </button>
    </form>
  );
}
