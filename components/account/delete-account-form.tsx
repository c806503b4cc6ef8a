"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { emptyFormState, type FormState } from "@/lib/form-state";
import { renderMessage } from "@/lib/i18n/render-message";

type Props = { action: (state: FormState, formData: FormData) => Promise<FormState> };

/** "Delete my account": the password and a ticked confirmation, then the account is gone. Works without JavaScript. */
export function DeleteAccountForm({ action }: Props) {
  const t = useTranslations("deleteAccount");
  const locale = useLocale();
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  const confirmErrors = state.errors.confirm ?? [];
  return (
    <form action={formAction} aria-label={t("label")}>
      <FormError message={state.formError} />
      <p className="hint">{t("warning")}</p>
      <Field
        id="delete-account-password"
        label={t("password")}
        type="password"
        autoComplete="current-password"
        name="password"
        errors={state.errors.password ?? []}
      />
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            aria-invalid={confirmErrors.length > 0}
            aria-describedby={confirmErrors.length ? "confirm-error" : undefined}
          />{" "}
          {t("confirm")}
        </label>
        {confirmErrors.length > 0 && (
          <p id="confirm-error" className="error">
            {confirmErrors.map((message) => renderMessage(message, locale)).join(" ")}
          </p>
        )}
      </div>
      <button type="submit" className="danger" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}
