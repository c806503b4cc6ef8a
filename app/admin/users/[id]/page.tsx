import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SessionTable, TokenTable } from "@/components/admin/access-tables";
import { yesNo } from "@/components/admin/format";
import { USERS_PATH, userHref } from "@/components/admin/links";
import { ChangeRefused, PermissionDenied } from "@/components/admin/permission-denied";
import { Timestamp } from "@/components/admin/timestamp";
import { UserActions } from "@/components/admin/user-actions";
import { AdminMfaSwitch } from "@/components/mfa/admin-mfa-switch";
import { hasSecondFactor } from "@/lib/mfa/status";
import { userDetail } from "@/lib/users/managed-users";
import { updateUserAction } from "../actions";
import { requireStaffMember } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "User · Vestibule" };

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

  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return (
    <div className="admin">
      <p>
        <Link href={USERS_PATH}>← All users</Link>
      </p>
      <h1>{user.username}</h1>
      <ChangeRefused shown={refused === "1"} />
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{name || <span className="meta">—</span>}</dd>
          <dt>Email</dt>
          <dd>{user.email || <span className="meta">—</span>}</dd>
          <dt>Joined</dt>
          <dd>
            <Timestamp iso={user.date_joined} />
          </dd>
          <dt>Last login</dt>
          <dd>
            <Timestamp iso={user.last_login} />
          </dd>
          <dt>Active</dt>
          <dd>{yesNo(user.is_active)}</dd>
          <dt>Staff</dt>
          <dd>{yesNo(user.is_staff)}</dd>
          <dt>Two-factor authentication</dt>
          <dd>{yesNo(mfa)}</dd>
        </dl>
        <UserActions user={user} self={user.id === staff.user.id} back={path} action={updateUserAction} />
        {mfa && <AdminMfaSwitch user={user} back={path} action={updateUserAction} />}
      </section>
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions ({user.sessions.length})</h2>
        <SessionTable sessions={user.sessions} />
      </section>
      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens ({user.tokens.length})</h2>
        <TokenTable tokens={user.tokens} />
      </section>
    </div>
  );
}
