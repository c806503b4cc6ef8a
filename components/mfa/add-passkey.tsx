"use client";

import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/field";
import { FormError } from "@/components/form-error";
import { message, type Message } from "@/lib/messages";
import type { FormState } from "@/lib/form-state";
import { useHydrated } from "@/components/mfa/use-hydrated";
import { Notice } from "@/components/notice";

type Props = {
  getOptions: (
    password: string,
  ) => Promise<{ state: FormState; options: PublicKeyCredentialCreationOptionsJSON | null }>;
  add: (credential: unknown, name: string) => Promise<FormState>;
};

/** Adds a passkey: the password, then the browser's own dialog. WebAuthn needs JavaScript. */
export function AddPasskey({ getOptions, add }: Props) {
  const t = useTranslations("passkeys");
  const hydrated = useHydrated();
  const [state, setState] = useState<FormState & { notice?: Message }>({ values: {}, errors: {} });
  const [busy, setBusy] = useState(false);
  if (!hydrated) return <p className="hint">{t("needsJavaScript")}</p>;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    try {
      const { state: checked, options } = await getOptions(String(data.get("password") ?? ""));
      if (!options) return setState(checked);
      const credential = await startRegistration({ optionsJSON: options });
      const added = await add(credential, String(data.get("name") ?? ""));
      if (!added.formError && !Object.keys(added.errors).length) form.reset();
      setState(
        added.formError || Object.keys(added.errors).length ? added : { ...added, notice: message("passkeys.added") },
      );
    } catch {
      setState({ values: {}, errors: {}, formError: message("passkeys.notCreated") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("add")}>
      <FormError message={state.formError} />
      <Notice message={state.notice} />
      <Field
        id="add-passkey-name"
        name="name"
        label={t("name")}
        optional
        hint={t("nameHint")}
        autoComplete="off"
        errors={state.errors.name ?? []}
      />
      <Field
        id="add-passkey-password"
        name="password"
        label={t("yourPassword")}
        type="password"
        autoComplete="current-password"
        errors={state.errors.password ?? []}
      />
      <button type="submit" disabled={busy}>
        {t("add")}
      </button>
    </form>
  );
}
