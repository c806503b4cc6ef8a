import { useLocale, useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { renderMessage } from "@/lib/i18n/render-message";
import type { Message } from "@/lib/messages";

type FieldProps = ComponentProps<"input"> & {
  name: string;
  label: string;
  errors: readonly Message[];
  optional?: boolean;
  hint?: string;
};

/** A labelled input whose errors and hint are tied to it for assistive technology. */
export function Field({ name, label, errors, optional = false, hint, id: givenId, ...input }: FieldProps) {
  const t = useTranslations("field");
  const locale = useLocale();
  // `id`: for a page with several forms that share a field name (each asks for the password).
  const id = givenId ?? `field-${name}`;
  const hintId = `${givenId ?? name}-hint`;
  const errorId = `${givenId ?? name}-error`;
  const invalid = errors.length > 0;
  const describedBy = [hint && hintId, invalid && errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t("optional")}</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input id={id} name={name} aria-invalid={invalid} aria-describedby={describedBy} {...input} />
      {invalid && (
        <div id={errorId} className="errors">
          {errors.map((message) => (
            <p key={message} className="error">
              {renderMessage(message, locale)}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** A field for choosing a password, with Django's rules as its hint (register, change, reset). */
export function NewPasswordField({
  label,
  ...props
}: Omit<FieldProps, "label" | "type" | "autoComplete" | "hint"> & { label?: string }) {
  const t = useTranslations("field");
  return (
    <Field
      label={label ?? t("newPassword")}
      hint={t("newPasswordHint")}
      type="password"
      autoComplete="new-password"
      {...props}
    />
  );
}
