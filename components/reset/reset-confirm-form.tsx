"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { NewPasswordField } from "@/components/field";
import { FormError } from "@/components/form-error";
import { Notice } from "@/components/notice";
import type { ResetFormState } from "@/lib/form-state";
import { InvalidResetLink } from "@/components/reset/invalid-reset-link";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { messages } from "@/lib/messages";
import { passwordProblems } from "@/lib/password-rules";
import { passwordResetConfirmSchema } from "@/lib/validation";

// Only the password is typed: uid and token travel in hidden inputs, checked on the server. The
// rules that need no word list and no account run as the person types; the server adds the
// common-password and similarity checks (it knows whose account the link is for).
const resetConfirmFormSchema = z.object({
  new_password: passwordResetConfirmSchema.shape.new_password.superRefine((value, context) => {
    for (const message of passwordProblems(value, {})) context.addIssue({ code: "custom", message });
  }),
});

export function ResetConfirmForm({ action, uid, token }: { action: FormAction; uid: string; token: string }) {
  const t = useTranslations("resetConfirm");
  const form = useForm({ resolver: zodResolver(resetConfirmFormSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  const { outcome }: ResetFormState = state;

  if (outcome === "invalid-link") return <InvalidResetLink />;
  if (outcome === "done") {
    return (
      <div className="card">
        <Notice message={messages.resetDone} />
        <p>{t.rich("logInWithNew", { link: (chunks) => <Link href="/login">{chunks}</Link> })}</p>
      </div>
    );
  }
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="card">
      <FormError message={state.formError} />
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordField {...field("new_password")} />
      <p className="hint form-hint">{t("signedOutHint")}</p>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
