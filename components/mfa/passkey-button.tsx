"use client";

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState } from "react";
import { FormError } from "@/components/form-error";
import { message, type Message } from "@/lib/messages";
import type { FormState } from "@/lib/form-state";
import { useHydrated } from "@/components/mfa/use-hydrated";

type Props = {
  label: string;
  next: string;
  getOptions: () => Promise<PublicKeyCredentialRequestOptionsJSON | null>;
  /** Redirects on success; otherwise says why not. */
  finish: (credential: unknown, next: string) => Promise<FormState>;
};

/** A passkey ceremony through server actions. It needs JavaScript, so it appears only with it. */
export function PasskeyButton({ label, next, getOptions, finish }: Props) {
  const hydrated = useHydrated();
  const [error, setError] = useState<Message>();
  const [busy, setBusy] = useState(false);
  if (!hydrated) return null;

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      const options = await getOptions();
      if (!options) throw new Error("no options");
      const state = await finish(await startAuthentication({ optionsJSON: options }), next);
      // After a redirect there is no state to show (Next.js is already navigating).
      if (state) setError(state.formError ?? message("passkeys.notAccepted"));
    } catch (caught) {
      // A redirect from the server action is how success looks: let Next.js carry it out.
      if (caught instanceof Error && caught.message === "NEXT_REDIRECT") throw caught;
      setError(message("passkeys.notAccepted"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <FormError message={error} />
      <button type="button" onClick={run} disabled={busy}>
        {label}
      </button>
    </div>
  );
}
