import { useTranslations } from "next-intl";
import { USERS_PATH } from "@/components/admin/links";

/** A plain GET form: the search lands in the address (?search=), so it can be bookmarked and shared. */
export function SearchForm({ search }: { search: string }) {
  const t = useTranslations("admin");
  return (
    <form method="get" action={USERS_PATH} role="search" className="search-form">
      <label htmlFor="user-search">{t("searchLabel")}</label>
      <div className="search-row">
        <input
          id="user-search"
          type="search"
          name="search"
          defaultValue={search}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit">{t("search")}</button>
      </div>
    </form>
  );
}
