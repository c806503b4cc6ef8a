import { endpoint } from "@/lib/api/endpoint";
import { requireStaff } from "@/lib/api/guards";
import { detail, json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { findUsers, PAGE_SIZE } from "@/lib/users/staff";
import { userSearchSchema } from "@/lib/validation";

/** DRF's PageNumberPagination links: absolute URLs of the neighbouring pages, or null. */
function pageLink(request: Request, page: number, count: number): string | null {
  if (page < 1 || (page - 1) * PAGE_SIZE >= count) return null;
  const url = new URL(request.url);
  url.searchParams.set("page", String(page));
  return url.toString();
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async GET({ identity, request }) {
    requireStaff(identity);
    const query = validate(userSearchSchema, Object.fromEntries(new URL(request.url).searchParams));
    const found = await findUsers(query.search, query.page);
    if (!found) return detail(messages.invalidPage, 404);
    return json({ count: found.count, next: pageLink(request, query.page + 1, found.count), previous: pageLink(request, query.page - 1, found.count), results: found.results });
  },
});
