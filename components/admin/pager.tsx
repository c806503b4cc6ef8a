import Link from "next/link";
import { usersHref } from "@/components/admin/links";

/** Previous / next links between pages of results, and where this page is among them. */
export function Pager({ search, page, pages }: { search: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="pager">
      {page > 1 ? (
        <Link href={usersHref(search, page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="meta">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={usersHref(search, page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
