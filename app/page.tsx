import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { logOutAction } from "@/app/(auth)/logout/actions";
import { Notice } from "@/components/notice";
import { currentIdentity } from "@/lib/auth/current";
import { message } from "@/lib/messages";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Home({ searchParams }: Props) {
  const { user } = await currentIdentity();
  const t = await getTranslations("home");
  if (!user.isAuthenticated) {
    const { account } = await searchParams;
    return (
      <section className="card">
        <h1>{t("welcome")}</h1>
        <Notice message={account === "deleted" ? message("home.accountDeleted") : undefined} />
        <p>{t("notSignedIn")}</p>
        <p className="links">
          <Link href="/login">{t("logIn")}</Link>
          <Link href="/register">{t("register")}</Link>
          <Link href="/docs">{t("apiDocs")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card">
      <h1>{t("welcomeBack")}</h1>
      <p>{t("signedInAs", { username: user.username })}</p>
      <p className="links">
        <Link href="/account">{t("yourAccount")}</Link>
        {user.isStaff ? <Link href="/admin/users">{t("manageUsers")}</Link> : null}
        <Link href="/docs">{t("apiDocs")}</Link>
      </p>
      <form action={logOutAction}>
        <button type="submit">{t("logOut")}</button>
      </form>
    </section>
  );
}
