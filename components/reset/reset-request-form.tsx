"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Notice } from "@/components/notice";
import type { ResetFormState } from "@/lib/form-state";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { passwordResetSchema } from "@/lib/validation";

export function ResetRequestForm({ action }: { action: FormAction }) {
  const t = useTranslations("resetRequest");
  const form = useForm({ resolver: zodResolver(passwordResetSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  const { notice }: ResetFormState = state;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="card">
      <FormError message={state.formError} />
      <Notice message={notice} />
      {notice && <p className="form-hint">{t("sentHint")}</p>}
      <Field
        label={t("email")}
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        {...field("email")}
      />
      <button type="submit" disabled={pending}>
        {notice ? t("sendAnother") : t("send")}
      </button>
    </form>
  );
}
