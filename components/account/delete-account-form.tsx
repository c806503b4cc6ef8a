"use client";

import { useActionState } from "react";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { emptyFormState, type FormState } from "@/lib/form-state";

type Props = { action: (state: FormState, formData: FormData) => Promise<FormState> };

/** "Delete my account": the password and a ticked confirmation, then the account is gone. Works without JavaScript. */
export function DeleteAccountForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, emptyFormState);
  const confirmErrors = state.errors.confirm ?? [];
  return (
    <form action={formAction} aria-label="Delete my account">
      <FormError message={state.formError} />
      <p className="hint">
        Your sessions, API tokens, passkeys, second factor and connected accounts are deleted with the account. Your
        past activity stays in the audit log without your name. This cannot be undone.
      </p>
      <Field
        id="delete-account-password"
        label="Your password, to delete the account"
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
          I understand that my account will be deleted for good
        </label>
        {confirmErrors.length > 0 && (
          <p id="confirm-error" className="error">
            {confirmErrors.join(" ")}
          </p>
        )}
      </div>
      <button type="submit" className="danger" disabled={pending}>
        Delete my account
      </button>
    </form>
  );
}
