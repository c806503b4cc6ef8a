"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { NewTokenKey } from "@/lib/form-state";
import { CopyButton } from "@/components/account/copy-button";

const INPUT_ID = "issued-key";

/** The one sight of a new token's key: selectable without JavaScript, copyable with it. */
export function IssuedKey({ token }: { token: NewTokenKey }) {
  const t = useTranslations("tokens");
  const input = useRef<HTMLInputElement>(null);
  // Take the person straight to the key, so a screen reader announces it and Ctrl+C copies it.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [token]);

  return (
    <div className="issued-key">
      <p className="issued-key-title">
        <strong>{token.name ? t("createdNamed", { name: token.name }) : t("created")}</strong> {t("copyNow")}
      </p>
      <label htmlFor={INPUT_ID}>{t("newKey")}</label>
      <div className="key-row">
        <input
          ref={input}
          id={INPUT_ID}
          className="key"
          value={token.key}
          readOnly
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={token.key} targetId={INPUT_ID} />
      </div>
      <p className="hint">{t.rich("sendAs", { code: () => <code>Authorization: Token {"<key>"}</code> })}</p>
    </div>
  );
}
