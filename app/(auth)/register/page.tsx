import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { RegisterForm } from "@/components/register/register-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { registerAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("register") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegisterPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  const t = await getTranslations("register");
  const login = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
  return (
    <>
      <h1>{t("title")}</h1>
      <RegisterForm action={registerAction} next={next} />
      <p className="hint">
        {t("haveAccount")} <Link href={login}>{t("logIn")}</Link>
      </p>
    </>
  );
}
