import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/notice";
import { messages } from "@/lib/messages";
import { verifyEmailAction } from "./actions";

// The target of the link mailed to a new address. Opening the link changes nothing: the address
// is confirmed by the button (a POST), as django-allauth does unless ACCOUNT_CONFIRM_EMAIL_ON_GET
// is set, because mail scanners and link previewers open every link in a message. A GET that
// confirmed would let a stranger's scanner confirm an address its owner never looked at.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("emailVerify") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

function InvalidLink() {
  const t = useTranslations("emailVerify");
  return (
    <>
      <p role="alert" className="form-error">
        {t("invalidLink")}
      </p>
      <p>{t.rich("askAgain", { link: (chunks) => <Link href="/account#profile">{chunks}</Link> })}</p>
    </>
  );
}

export default async function EmailVerifyPage({ searchParams }: Props) {
  const params = await searchParams;
  const result = single(params.result);
  const token = single(params.token);
  const t = await getTranslations("emailVerify");
  return (
    <>
      <h1>{t("title")}</h1>
      {result === "verified" ? (
        <>
          <Notice message={messages.emailVerified} />
          <p>
            <Link href="/account">{t("toAccount")}</Link>
          </p>
        </>
      ) : result === "invalid" || !token ? (
        <InvalidLink />
      ) : (
        <form action={verifyEmailAction}>
          <p>{t("pressButton")}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t("confirm")}</button>
        </form>
      )}
    </>
  );
}
