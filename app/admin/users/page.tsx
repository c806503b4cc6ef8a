import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ZodError } from "zod";
import { USERS_PATH, usersHref } from "@/components/admin/links";
import { Pager } from "@/components/admin/pager";
import { ChangeRefused, PermissionDenied } from "@/components/admin/permission-denied";
import { SearchForm } from "@/components/admin/search-form";
import { UserTable } from "@/components/admin/user-table";
import { FormError } from "@/components/form-error";
import { messages, type Message } from "@/lib/messages";
import { findUsers, PAGE_SIZE } from "@/lib/users/managed-users";
import { pageNumber, toFieldErrors, userSearchSchema } from "@/lib/validation";
import { updateUserAction } from "./actions";
import { requireStaffMember } from "@/lib/auth/page-guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("users") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function Problem({ message, search }: { message: Message; search: string }) {
  const t = useTranslations("admin");
  return (
    <div className="card">
      <FormError message={message} />
      <p>
        <Link href={usersHref(search)}>{t("firstPage")}</Link>
      </p>
    </div>
  );
}

/** A too-long search says so (its checks stop at the first that fails: one message). */
function queryProblem(error: ZodError): Message {
  return Object.values(toFieldErrors(error)).flat()[0];
}

/** One page of the users that match, with paging; the API's 404 "Invalid page." past the end. */
async function Results({ search, page, viewerId }: { search: string; page: number; viewerId: string }) {
  const found = await findUsers(search, page);
  const t = await getTranslations("admin");
  if (!found) return <Problem message={messages.invalidPage} search={search} />;
  if (!found.count) return <p className="card">{search ? t("noMatch", { search }) : t("noUsers")}</p>;

  const pages = Math.ceil(found.count / PAGE_SIZE);
  const counted = search ? t("countMatching", { count: found.count, search }) : t("count", { count: found.count });
  const caption = pages > 1 ? t("countOnPage", { counted, page, pages }) : counted;
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
  const t = await getTranslations("admin");
  return (
    <div className="admin">
      <h1>{t("users")}</h1>
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
