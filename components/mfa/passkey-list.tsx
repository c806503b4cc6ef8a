"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { formatUtc } from "@/lib/utc";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { passwordConfirmSchema } from "@/lib/validation";

export type PasskeyRow = { id: string; name: string; created: string; last_used: string | null };

/** One passkey's "Remove", behind the password (also in the review of ways in). */
export function RemovePasskey({
  passkey,
  action,
  idPrefix = "remove-passkey",
}: {
  passkey: PasskeyRow;
  action: FormAction;
  /** Another prefix for the field's id where the same passkey's form is on the page twice. */
  idPrefix?: string;
}) {
  const t = useTranslations("passkeys");
  const form = useActionForm(useForm({ resolver: zodResolver(passwordConfirmSchema), mode: "onTouched" }), action);
  return (
    <form
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      aria-label={t("removeLabel", { name: passkey.name })}
    >
      <FormError message={form.state.formError} />
      <input type="hidden" name="id" value={passkey.id} />
      <Field
        id={`${idPrefix}-${passkey.id}-password`}
        label={t("yourPassword")}
        type="password"
        autoComplete="current-password"
        {...form.field("password")}
      />
      <button type="submit" className="danger" disabled={form.pending}>
        {t.rich("remove", {
          name: passkey.name,
          hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
        })}
      </button>
    </form>
  );
}

/** The person's passkeys; each can be removed with the password. */
export function PasskeyList({ passkeys, remove }: { passkeys: PasskeyRow[]; remove: FormAction }) {
  const t = useTranslations("passkeys");
  if (!passkeys.length) return <p className="hint">{t("none")}</p>;
  return (
    <ul className="items" aria-label={t("label")}>
      {passkeys.map((passkey) => (
        <li key={passkey.id} className="item">
          <div>
            <p className="item-title">{passkey.name}</p>
            <p className="meta">
              {passkey.last_used
                ? t.rich("addedAndUsed", {
                    added: () => <time dateTime={passkey.created}>{formatUtc(passkey.created)}</time>,
                    lastUsed: () => (
                      <time dateTime={passkey.last_used ?? ""}>{formatUtc(passkey.last_used ?? "")}</time>
                    ),
                  })
                : t.rich("addedNeverUsed", {
                    added: () => <time dateTime={passkey.created}>{formatUtc(passkey.created)}</time>,
                  })}
            </p>
          </div>
          <RemovePasskey passkey={passkey} action={remove} />
        </li>
      ))}
    </ul>
  );
}
