"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { RecoveryCodes } from "@/components/mfa/recovery-codes";
import type { MfaFormState } from "@/lib/form-state";
import { Notice } from "@/components/notice";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { mfaCodeSchema, passwordConfirmSchema } from "@/lib/validation";

export type TwoFactorActions = { begin: FormAction; confirm: FormAction; regenerate: FormAction; disable: FormAction };
type Props = {
  on: boolean;
  recoveryLeft: number;
  pending: { secret: string; qrSvg: string } | null;
  actions: TwoFactorActions;
};

function usePasswordForm(action: FormAction) {
  return useActionForm(useForm({ resolver: zodResolver(passwordConfirmSchema), mode: "onTouched" }), action);
}

function PasswordForm({
  id,
  form,
  label,
  button,
  danger,
}: {
  id: string;
  form: ReturnType<typeof usePasswordForm>;
  label: string;
  button: string;
  danger?: boolean;
}) {
  const t = useTranslations("twoFactor");
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate aria-label={label}>
      <FormError message={form.state.formError} />
      <Field
        id={`${id}-password`}
        label={t("yourPassword")}
        type="password"
        autoComplete="current-password"
        {...form.field("password")}
      />
      <button type="submit" className={danger ? "danger" : undefined} disabled={form.pending}>
        {button}
      </button>
    </form>
  );
}

/**
 * The authenticator app, in one component that stays mounted while the server's state moves from
 * off to pending to on, so the recovery codes that the confirmation returns are still shown.
 */
export function TwoFactorPanel({ on, recoveryLeft, pending, actions }: Props) {
  const t = useTranslations("twoFactor");
  const begin = usePasswordForm(actions.begin);
  const confirm = useActionForm(useForm({ resolver: zodResolver(mfaCodeSchema), mode: "onTouched" }), actions.confirm);
  const regenerate = usePasswordForm(actions.regenerate);
  const disable = usePasswordForm(actions.disable);
  const codes = (regenerate.state as MfaFormState).recoveryCodes ?? (confirm.state as MfaFormState).recoveryCodes;
  const notice = (disable.state as MfaFormState).notice;

  return (
    <>
      {codes && <RecoveryCodes codes={codes} />}
      <Notice message={on ? undefined : notice} />
      {on && (
        <>
          <p>{t.rich("isOn", { count: recoveryLeft, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <h3>{t("newCodes")}</h3>
          <PasswordForm id="regenerate-codes" form={regenerate} label={t("newCodes")} button={t("makeNewCodes")} />
          <h3>{t("turnOffHeading")}</h3>
          <PasswordForm id="disable-mfa" form={disable} label={t("turnOffLabel")} button={t("turnOff")} danger />
        </>
      )}
      {!on && pending && (
        <>
          <p>{t("scan")}</p>
          <div
            className="qr"
            role="img"
            aria-label={t("qrLabel")}
            dangerouslySetInnerHTML={{ __html: pending.qrSvg }}
          />
          <p>
            {t("key")} <code className="totp-secret">{pending.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
          </p>
          <form action={confirm.formAction} onSubmit={confirm.onSubmit} noValidate aria-label={t("confirmLabel")}>
            <FormError message={confirm.state.formError} />
            <Field
              id="confirm-mfa-code"
              label={t("appCode")}
              inputMode="numeric"
              autoComplete="one-time-code"
              {...confirm.field("code")}
            />
            <button type="submit" disabled={confirm.pending}>
              {t("turnOn")}
            </button>
          </form>
        </>
      )}
      {!on && !pending && (
        <>
          <p>{t("isOff")}</p>
          <PasswordForm id="begin-mfa" form={begin} label={t("setUp")} button={t("setUp")} />
        </>
      )}
    </>
  );
}
