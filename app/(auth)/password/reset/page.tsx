import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { connection } from "next/server";
import { ResetRequestForm } from "@/components/reset/reset-request-form";
import { requestResetAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("resetRequest") };
}

export default async function PasswordResetPage() {
  // Rendered per request: the Content-Security-Policy nonce (proxy.ts) is new each time, and a
  // prerendered page's scripts would not carry it.
  await connection();
  const t = await getTranslations("resetRequest");
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ResetRequestForm action={requestResetAction} />
      <p className="hint">
        {t("remembered")} <Link href="/login">{t("logIn")}</Link>
      </p>
    </>
  );
}
