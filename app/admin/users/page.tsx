import type { Metadata } from "next";
import Link from "next/link";
import type { ZodError } from "zod";
import { USERS_PATH, usersHref } from "@/components/admin/links";
import { Pager } from "@/components/admin/pager";
import { ChangeRefused, PermissionDenied } from "@/components/admin/permission-denied";
import { SearchForm } from "@/components/admin/search-form";
import { UserTable } from "@/components/admin/user-table";
import { messages } from "@/lib/messages";
import { findUsers, PAGE_SIZE } from "@/lib/users/managed-users";
import { pageNumber, toFieldErrors, userSearchSchema } from "@/lib/validation";
import { updateUserAction } from "./actions";
import { requireStaffMember } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Users · Vestibule" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function Problem({ message, search }: { message: string; search: string }) {
  return (
    <div className="card">
      <p role="alert" className="form-error">
        {message}
      </p>
      <p>
        <Link href={usersHref(search)}>Go to the first page</Link>
      </p>
    </div>
  );
}

/** A too-long search says so. */
function queryProblem(error: ZodError): string {
  return Object.values(toFieldErrors(error)).flat().join(" ");
}

/** One page of the users that match, with paging; the API's 404 "Invalid page." past the end. */
async function Results({ search, page, viewerId }: { search: string; page: number; viewerId: string }) {
  const found = await findUsers(search, page);
  if (!found) return <Problem message={messages.invalidPage} search={search} />;
  if (!found.count)
    return <p className="card">{search ? `No user matches “${search}”.` : "There are no users yet."}</p>;

  const pages = Math.ceil(found.count / PAGE_SIZE);
  const counted = `${found.count} ${found.count === 1 ? "user" : "users"}${search ? ` matching “${search}”` : ""}`;
  const caption = pages > 1 ? `${counted}, page ${page} of ${pages}` : counted;
  return (
    <>
      <UserTable
        users={found.results}
        caption={caption}
        viewerId={viewerId}
        back={usersHref(search, page)}
        action={updateUserAction}
      />
      <Pager search={search} page={page} pages={pages} />
    </>
  );
}

export default async function AdminUsersPage({ searchParams }: Props) {
  const staff = await requireStaffMember(USERS_PATH);
  if (!staff) return <PermissionDenied />;
  const params = await searchParams;
  // The same rules as GET /api/admin/users?search=&page=.
  const query = userSearchSchema.safeParse({ search: single(params.search) });
  const page = pageNumber(single(params.page) ?? null);
  const search = query.success ? query.data.search : "";
  return (
    <div className="admin">
      <h1>Users</h1>
      <ChangeRefused shown={single(params.refused) === "1"} />
      <SearchForm search={search} />
      {!query.success ? (
        <Problem message={queryProblem(query.error)} search="" />
      ) : page === null ? (
        <Problem message={messages.invalidPage} search={search} />
      ) : (
        <Results search={query.data.search} page={page} viewerId={staff.user.id} />
      )}
    </div>
  );
}
