import Link from "next/link";
import { useTranslations } from "next-intl";
import { userHref } from "@/components/admin/links";
import { Timestamp } from "@/components/admin/timestamp";
import { UserActions } from "@/components/admin/user-actions";
import { YesNo } from "@/components/admin/yes-no";
import type { ManagedUser } from "@/lib/users/managed-users";

type Props = {
  users: ManagedUser[];
  caption: string;
  /** The staff member looking, whose own row has no buttons. */
  viewerId: string;
  back: string;
  action: (formData: FormData) => Promise<void>;
};

export function UserTable({ users, caption, viewerId, back, action }: Props) {
  const t = useTranslations("admin");
  return (
    <div className="table-scroll" role="region" aria-labelledby="users-caption" tabIndex={0}>
      <table className="admin-table">
        <caption id="users-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("username")}</th>
            <th scope="col">{t("email")}</th>
            <th scope="col">{t("joined")}</th>
            <th scope="col">{t("lastLogin")}</th>
            <th scope="col">{t("active")}</th>
            <th scope="col">{t("staff")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.is_active ? undefined : "inactive"}>
              <th scope="row">
                <Link href={userHref(user.id)}>{user.username}</Link>
              </th>
              <td>{user.email || <span className="meta">—</span>}</td>
              <td>
                <Timestamp iso={user.date_joined} byDay />
              </td>
              <td>
                <Timestamp iso={user.last_login} />
              </td>
              <td>
                <YesNo value={user.is_active} />
              </td>
              <td>
                <YesNo value={user.is_staff} />
              </td>
              <td>
                <UserActions user={user} self={user.id === viewerId} back={back} action={action} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
