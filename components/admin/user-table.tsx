import Link from "next/link";
import { yesNo } from "@/components/admin/format";
import { userHref } from "@/components/admin/links";
import { Timestamp } from "@/components/admin/timestamp";
import { UserActions } from "@/components/admin/user-actions";
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
  return (
    <div className="table-scroll" role="region" aria-labelledby="users-caption" tabIndex={0}>
      <table className="admin-table">
        <caption id="users-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Email</th>
            <th scope="col">Joined</th>
            <th scope="col">Last login</th>
            <th scope="col">Active</th>
            <th scope="col">Staff</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
              <td>{yesNo(user.is_active)}</td>
              <td>{yesNo(user.is_staff)}</td>
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
