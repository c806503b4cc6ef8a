"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { formatUtc } from "@/components/utc";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { passwordConfirmSchema } from "@/lib/validation";

export type PasskeyRow = { id: string; name: string; created: string; last_used: string | null };

function RemovePasskey({ passkey, action }: { passkey: PasskeyRow; action: FormAction }) {
  const form = useActionForm(useForm({ resolver: zodResolver(passwordConfirmSchema), mode: "onTouched" }), action);
  return (
    <form
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      aria-label={`Remove the passkey ${passkey.name}`}
    >
      <FormError message={form.state.formError} />
      <input type="hidden" name="id" value={passkey.id} />
      <Field
        id={`remove-passkey-${passkey.id}-password`}
        label="Your password"
        type="password"
        autoComplete="current-password"
        {...form.field("password")}
      />
      <button type="submit" className="danger" disabled={form.pending}>
        Remove<span className="visually-hidden"> the passkey {passkey.name}</span>
      </button>
    </form>
  );
}

/** The person's passkeys; each can be removed with the password. */
export function PasskeyList({ passkeys, remove }: { passkeys: PasskeyRow[]; remove: FormAction }) {
  if (!passkeys.length) return <p className="hint">You have no passkeys.</p>;
  return (
    <ul className="items" aria-label="Passkeys">
      {passkeys.map((passkey) => (
        <li key={passkey.id} className="item">
          <div>
            <p className="item-title">{passkey.name}</p>
            <p className="meta">
              Added <time dateTime={passkey.created}>{formatUtc(passkey.created)}</time> ·{" "}
              {passkey.last_used ? (
                <>
                  last used <time dateTime={passkey.last_used}>{formatUtc(passkey.last_used)}</time>
                </>
              ) : (
                "never used"
              )}
            </p>
          </div>
          <RemovePasskey passkey={passkey} action={remove} />
        </li>
      ))}
    </ul>
  );
}
