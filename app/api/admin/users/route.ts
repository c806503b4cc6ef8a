import { endpoint } from "@/lib/api/endpoint";
import { validate } from "@/lib/api/validate";
import { ownOrigin } from "@/lib/auth/csrf";
import type { RequestInfo } from "@/lib/auth/types";
import { messages } from "@/lib/messages";
import { notFound } from "@/lib/refusal";
import { findUsers, PAGE_SIZE } from "@/lib/users/managed-users";
import { pageNumber, userSearchSchema } from "@/lib/validation";

/** DRF's PageNumberPagination links: absolute URLs on the host the client called, or null. */
function pageLink(request: Request, info: RequestInfo, page: number, count: number): string | null {
  if (page < 1 || (page - 1) * PAGE_SIZE >= count) return null;
  const { pathname, searchParams } = new URL(request.url);
  searchParams.set("page", String(page));
  return `${ownOrigin(info) ?? ""}${pathname}?${searchParams}`;
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/admin/users", {
  async GET({ request, info }) {
    const params = new URL(request.url).searchParams;
    const { search } = validate(userSearchSchema, { search: params.get("search") ?? undefined });
    const page = pageNumber(params.get("page"));
    const found = page === null ? null : await findUsers(search, page);
    if (page === null || !found) return notFound(messages.invalidPage);
    return {
      count: found.count,
      next: pageLink(request, info, page + 1, found.count),
      previous: pageLink(request, info, page - 1, found.count),
      results: found.results,
    };
  },
});
