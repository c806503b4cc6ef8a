"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { AccountFormState } from "@/lib/form-state";
import { Notice } from "@/components/notice";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { profileSchema } from "@/lib/validation";

export type Profile = { first_name: string; last_name: string; email: string };

export function ProfileForm({ action, profile }: { action: FormAction; profile: Profile }) {
  const t = useTranslations("profile");
  const form = useForm({ resolver: zodResolver(profileSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  const { notice }: AccountFormState = state;
  // What was typed comes back after a refused submission; otherwise the saved profile.
  const withSaved = (name: keyof Profile) => {
    const props = field(name);
    return { ...props, defaultValue: props.defaultValue ?? profile[name] };
  };
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormError message={state.formError} />
      <Notice message={notice} />
      <Field label={t("firstName")} optional autoComplete="given-name" {...withSaved("first_name")} />
      <Field label={t("lastName")} optional autoComplete="family-name" {...withSaved("last_name")} />
      <Field label={t("email")} optional type="email" autoComplete="email" spellCheck={false} {...withSaved("email")} />
      <Field
        id="profile-password"
        label={t("password")}
        optional
        hint={t("passwordHint")}
        type="password"
        autoComplete="current-password"
        {...field("password")}
      />
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
