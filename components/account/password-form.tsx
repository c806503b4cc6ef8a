"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useEffect, useMemo } from "react";
import { useForm } from "react-hook-form";
import type { AccountFormState } from "@/lib/form-state";
import { Notice } from "@/components/notice";
import { Field, NewPasswordField } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { passwordProblems, type PasswordUser } from "@/lib/password-rules";
import { passwordChangeSchema } from "@/lib/validation";

// As on the register form, Django's rules for the new password run as the person types, but
// the common-password check, whose list stays on the server. Checked on the field itself, so
// they show before the current password is filled in.
function passwordChangeFormSchema(user: PasswordUser) {
  const newPassword = passwordChangeSchema.shape.new_password.superRefine((value, context) => {
    for (const message of passwordProblems(value, user)) context.addIssue({ code: "custom", message });
  });
  return passwordChangeSchema.extend({ new_password: newPassword });
}

export function PasswordForm({ action, user }: { action: FormAction; user: PasswordUser & { username: string } }) {
  const t = useTranslations("passwordForm");
  const resolver = useMemo(() => zodResolver(passwordChangeFormSchema(user)), [user]);
  const form = useForm({ resolver, mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  const { notice }: AccountFormState = state;
  const { reset } = form;

  // A changed password must not linger in the fields (the page keeps them when JavaScript sends it).
  useEffect(() => {
    if (notice) reset();
  }, [state, notice, reset]);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormError message={state.formError} />
      <Notice message={notice} />
      {/* Tells password managers whose password this is (https://www.chromium.org/developers/design-documents/create-amazing-password-forms/). */}
      <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
      <Field label={t("current")} type="password" autoComplete="current-password" {...field("old_password")} />
      <NewPasswordField {...field("new_password")} />
      <p className="hint form-hint">{t("hint")}</p>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
