import { USERS_PATH } from "@/components/admin/links";

/** A plain GET form: the search lands in the address (?search=), so it can be bookmarked and shared. */
export function SearchForm({ search }: { search: string }) {
  return (
    <form method="get" action={USERS_PATH} role="search" className="search-form">
      <label htmlFor="user-search">Search users</label>
      <div className="search-row">
        <input
          id="user-search"
          type="search"
          name="search"
          defaultValue={search}
          placeholder="Part of a username or e-mail address"
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
