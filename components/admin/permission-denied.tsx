import Link from "next/link";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-error";
import { messages } from "@/lib/messages";

/** What a signed-in person who is not staff sees instead of a staff page (the API's 403). */
export function PermissionDenied() {
  const t = useTranslations("admin");
  return (
    <section className="card">
      <h1>{t("permissionDenied")}</h1>
      <FormError message={messages.permissionDenied} />
      <p>
        <Link href="/">{t("backHome")}</Link>
      </p>
    </section>
  );
}

/** Shown after a change that the staff rules refused (the API's 403 for PATCH /api/admin/users/{id}). */
export function ChangeRefused({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <div className="card">
      <FormError message={messages.staffChangeRefused} />
    </div>
  );
}
