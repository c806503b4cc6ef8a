import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InvalidResetLink } from "@/components/reset/invalid-reset-link";
import { ResetConfirmForm } from "@/components/reset/reset-confirm-form";
import { confirmResetAction } from "./actions";

// The address holds a secret (the token). proxy.ts's Referrer-Policy already keeps it from other
// sites; "no-referrer" here would also make browsers send "Origin: null" with the form, which
// Next.js refuses for a server action.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("resetConfirm") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function PasswordResetConfirmPage({ searchParams }: Props) {
  const params = await searchParams;
  const uid = single(params.uid);
  const token = single(params.token);
  const t = await getTranslations("resetConfirm");
  return (
    <>
      <h1>{t("title")}</h1>
      {uid && token ? <ResetConfirmForm action={confirmResetAction} uid={uid} token={token} /> : <InvalidResetLink />}
    </>
  );
}
