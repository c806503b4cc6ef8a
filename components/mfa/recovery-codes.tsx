"use client";

import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/account/copy-button";

const TEXTAREA_ID = "recovery-codes";

/** The one sight of a set of recovery codes: readable without JavaScript, copyable and downloadable. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const t = useTranslations("recoveryCodes");
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`${t("fileHeading")}\n\n${text}\n`)}`;
  return (
    <div className="issued-key">
      <p className="issued-key-title">
        <strong>{t("title")}</strong> {t("keepSafe")}
      </p>
      <label htmlFor={TEXTAREA_ID}>{t("label")}</label>
      <textarea id={TEXTAREA_ID} className="key" readOnly rows={codes.length} value={text} spellCheck={false} />
      <div className="key-row">
        <a href={download} download="vestibule-recovery-codes.txt">
          {t("download")}
        </a>
        <CopyButton value={text} targetId={TEXTAREA_ID} />
      </div>
    </div>
  );
}
