"use client";

import { CopyButton } from "@/components/account/copy-button";

const TEXTAREA_ID = "recovery-codes";

/** The one sight of a set of recovery codes: readable without JavaScript, copyable and downloadable. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const text = codes.join("\n");
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`Vestibule recovery codes (each works once)\n\n${text}\n`)}`;
  return (
    <div className="issued-key">
      <p className="issued-key-title">
        <strong>Your recovery codes.</strong> Keep them somewhere safe: each works once, in place of a code from your
        app, and they will not be shown again.
      </p>
      <label htmlFor={TEXTAREA_ID}>Recovery codes</label>
      <textarea id={TEXTAREA_ID} className="key" readOnly rows={codes.length} value={text} spellCheck={false} />
      <div className="key-row">
        <a href={download} download="vestibule-recovery-codes.txt">
          Download
        </a>
        <CopyButton value={text} targetId={TEXTAREA_ID} />
      </div>
    </div>
  );
}
