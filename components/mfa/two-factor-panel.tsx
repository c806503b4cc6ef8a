"use client";

import { zodResolver } from "@hookform/resolvers/zod";
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
  return (
    <form action={form.formAction} onSubmit={form.onSubmit} noValidate aria-label={label}>
      <FormError message={form.state.formError} />
      <Field
        id={`${id}-password`}
        label="Your password"
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
          <p>
            Two-factor authentication is <strong>on</strong>. You have {recoveryLeft} unused recovery{" "}
            {recoveryLeft === 1 ? "code" : "codes"}.
          </p>
          <h3>New recovery codes</h3>
          <PasswordForm
            id="regenerate-codes"
            form={regenerate}
            label="New recovery codes"
            button="Make new recovery codes"
          />
          <h3>Turn off</h3>
          <PasswordForm
            id="disable-mfa"
            form={disable}
            label="Turn two-factor authentication off"
            button="Turn off two-factor authentication"
            danger
          />
        </>
      )}
      {!on && pending && (
        <>
          <p>
            Scan this QR code with your authenticator app, or type the key into it. Then enter the code the app shows.
          </p>
          <div
            className="qr"
            role="img"
            aria-label="QR code for your authenticator app"
            dangerouslySetInnerHTML={{ __html: pending.qrSvg }}
          />
          <p>
            Key: <code className="totp-secret">{pending.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
          </p>
          <form
            action={confirm.formAction}
            onSubmit={confirm.onSubmit}
            noValidate
            aria-label="Confirm the authenticator app"
          >
            <FormError message={confirm.state.formError} />
            <Field
              id="confirm-mfa-code"
              label="Code from the app"
              inputMode="numeric"
              autoComplete="one-time-code"
              {...confirm.field("code")}
            />
            <button type="submit" disabled={confirm.pending}>
              Turn on
            </button>
          </form>
        </>
      )}
      {!on && !pending && (
        <>
          <p>
            Two-factor authentication is off. With it on, logging in also asks for a code from an authenticator app on
            your phone.
          </p>
          <PasswordForm
            id="begin-mfa"
            form={begin}
            label="Set up an authenticator app"
            button="Set up an authenticator app"
          />
        </>
      )}
    </>
  );
}
