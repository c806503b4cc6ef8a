import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("notFound") };
}

/** Any address the app does not have, and a page's notFound() (an unknown user on /admin/users/{id}). */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <p>{t("text")}</p>
      <p>
        <Link href="/">{t("home")}</Link>
      </p>
    </section>
  );
}
