"use client";

import { useTranslations } from "next-intl";

/** A page that failed on the server: a plain apology (no internals), and a way to try again. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("error");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <p>{t("text")}</p>
      <button type="button" onClick={reset}>
        {t("retry")}
      </button>
    </section>
  );
}
