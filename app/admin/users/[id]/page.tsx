import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SessionTable, TokenTable } from "@/components/admin/access-tables";
import { USERS_PATH, userHref } from "@/components/admin/links";
import { ChangeRefused, PermissionDenied } from "@/components/admin/permission-denied";
import { Timestamp } from "@/components/admin/timestamp";
import { UserActions } from "@/components/admin/user-actions";
import { YesNo } from "@/components/admin/yes-no";
import { AdminMfaSwitch } from "@/components/mfa/admin-mfa-switch";
import { hasSecondFactor } from "@/lib/mfa/status";
import { userDetail } from "@/lib/users/managed-users";
import { updateUserAction } from "../actions";
import { requireStaffMember } from "@/lib/auth/page-guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("user") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One user as staff see them (GET /api/admin/users/{id}): the account, its sessions and its tokens. */
export default async function AdminUserPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { refused } = await searchParams;
  const path = userHref(id);
  const staff = await requireStaffMember(path);
  if (!staff) return <PermissionDenied />;
  const user = await userDetail(id);
  if (!user) notFound();
  const mfa = await hasSecondFactor(user.id);
  const t = await getTranslations("admin");

  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return (
    <div className="admin">
      <p>
        <Link href={USERS_PATH}>← {t("allUsers")}</Link>
      </p>
      <h1>{user.username}</h1>
      <ChangeRefused shown={refused === "1"} />
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t("account")}</h2>
        <dl className="facts">
          <dt>{t("name")}</dt>
          <dd>{name || <span className="meta">—</span>}</dd>
          <dt>{t("email")}</dt>
          <dd>{user.email || <span className="meta">—</span>}</dd>
          <dt>{t("joined")}</dt>
          <dd>
            <Timestamp iso={user.date_joined} />
          </dd>
          <dt>{t("lastLogin")}</dt>
          <dd>
            <Timestamp iso={user.last_login} />
          </dd>
          <dt>{t("active")}</dt>
          <dd>
            <YesNo value={user.is_active} />
          </dd>
          <dt>{t("staff")}</dt>
          <dd>
            <YesNo value={user.is_staff} />
          </dd>
          <dt>{t("twoFactor")}</dt>
          <dd>
            <YesNo value={mfa} />
          </dd>
        </dl>
        <UserActions user={user} self={user.id === staff.user.id} back={path} action={updateUserAction} />
        {mfa && <AdminMfaSwitch user={user} back={path} action={updateUserAction} />}
      </section>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("sessionsCount", { count: user.sessions.length })}</h2>
        <SessionTable sessions={user.sessions} />
      </section>
      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("tokensCount", { count: user.tokens.length })}</h2>
        <TokenTable tokens={user.tokens} />
      </section>
    </div>
  );
}
