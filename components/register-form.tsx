"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { useActionForm, type FormAction } from "@/components/use-action-form";
import { registerSchema } from "@/lib/validation";

// The password rules (length, similarity, common passwords) are checked on the server only:
// the common-password list is too big to send to every browser.
export function RegisterForm({ action, next }: { action: FormAction; next: string }) {
  const form = useForm({ resolver: zodResolver(registerSchema), mode: "onTouched" });
  const { state, pending, formAction, onSubmit, field } = useActionForm(form, action);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="card">
      <FormError message={state.formError} />
      <input type="hidden" name="next" value={next} />
      <Field
        label="Username"
        hint="Up to 150 characters: letters, digits and @ . + - _ only."
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        {...field("username")}
      />
      <Field
        label="Password"
        hint="At least 8 characters, not entirely numeric, not a common password."
        type="password"
        autoComplete="new-password"
        {...field("password")}
      />
      <Field label="First name" optional autoComplete="given-name" {...field("first_name")} />
      <Field label="Last name" optional autoComplete="family-name" {...field("last_name")} />
      <Field label="Email" optional type="email" autoComplete="email" spellCheck={false} {...field("email")} />
      <button type="submit" disabled={pending}>
        Register
      </button>
    </form>
  );
}
