"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Field, NewPasswordField } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { registerFormSchema } from "@/lib/validation";

// Django's password rules run as the person types, except the common-password check: its list
// is too big to send to every browser, so the server reports that one.
export function RegisterForm({ action, next }: { action: FormAction; next: string }) {
  const t = useTranslations("register");
  const form = useForm({ resolver: zodResolver(registerFormSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="card">
      <FormError message={state.formError} />
      <input type="hidden" name="next" value={next} />
      <Field
        label={t("username")}
        hint={t("usernameHint")}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        {...field("username")}
      />
      <NewPasswordField label={t("password")} {...field("password")} />
      <Field label={t("firstName")} optional autoComplete="given-name" {...field("first_name")} />
      <Field label={t("lastName")} optional autoComplete="family-name" {...field("last_name")} />
      <Field label={t("email")} optional type="email" autoComplete="email" spellCheck={false} {...field("email")} />
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
