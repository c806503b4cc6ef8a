export const USERS_PATH = "/admin/users";

/** The users page for a search and a page number, with no empty or default parameters. */
export function usersHref(search: string, page = 1): string {
  const params = new URLSearchParams();
  if (search) params.set("search", search);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${USERS_PATH}?${query}` : USERS_PATH;
}

export const userHref = (id: string) => `${USERS_PATH}/${encodeURIComponent(id)}`;
