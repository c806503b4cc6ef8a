import Link from "next/link";
import { useTranslations } from "next-intl";
import { usersHref } from "@/components/admin/links";

/** Previous / next links between pages of results, and where this page is among them. */
export function Pager({ search, page, pages }: { search: string; page: number; pages: number }) {
  const t = useTranslations("admin");
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pages")} className="pager">
      {page > 1 ? (
        <Link href={usersHref(search, page - 1)} rel="prev">
          ← {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="meta">{t("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link href={usersHref(search, page + 1)} rel="next">
          {t("next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
