"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { loginSchema } from "@/lib/validation";

export function LoginForm({ action, next }: { action: FormAction; next: string }) {
  const t = useTranslations("login");
  const form = useForm({ resolver: zodResolver(loginSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="card">
      <FormError message={state.formError} />
      <input type="hidden" name="next" value={next} />
      <Field
        label={t("username")}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        {...field("username")}
      />
      <Field label={t("password")} type="password" autoComplete="current-password" {...field("password")} />
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
