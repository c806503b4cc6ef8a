"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";

type Outcome = "idle" | "copied" | "failed";

const subscribeToNothing = () => () => {};

/** Copies `value`; falls back to selecting the input `targetId` where the clipboard is refused. */
export function CopyButton({ value, targetId }: { value: string; targetId: string }) {
  const t = useTranslations("copy");
  const [outcome, setOutcome] = useState<Outcome>("idle");
  // Rendered only once JavaScript runs: without it the button could not do anything.
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  if (!hydrated) return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      const input = document.getElementById(targetId);
      if (input instanceof HTMLInputElement) input.select();
      setOutcome("failed");
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={copy}>
        {t("copy")}
      </button>
      <p role="status" className="copy-status">
        {outcome === "idle" ? "" : t(outcome)}
      </p>
    </>
  );
}
