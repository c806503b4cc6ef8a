"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import type { AccountFormState } from "@/lib/form-state";
import { IssuedKey } from "@/components/account/issued-key";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { tokenCreateSchema } from "@/lib/validation";

export function TokenForm({ action }: { action: FormAction }) {
  const t = useTranslations("tokens");
  const form = useForm({ resolver: zodResolver(tokenCreateSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  const { issued }: AccountFormState = state;
  const { reset } = form;

  useEffect(() => {
    if (issued) reset();
  }, [issued, reset]);

  return (
    <>
      {issued && <IssuedKey token={issued} />}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <FormError message={state.formError} />
        <Field label={t("name")} optional hint={t("nameHint")} autoComplete="off" {...field("name")} />
        <Field
          label={t("expires")}
          optional
          hint={t("expiresHint")}
          inputMode="numeric"
          autoComplete="off"
          {...field("expires_in_days")}
        />
        <button type="submit" disabled={pending}>
          {t("submit")}
        </button>
      </form>
    </>
  );
}
