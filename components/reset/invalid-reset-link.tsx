import Link from "next/link";
import { useTranslations } from "next-intl";

/** Django's PasswordResetConfirmView wording for a link that is wrong, used or out of date. */
export function InvalidResetLink() {
  const t = useTranslations("resetConfirm");
  return (
    <div className="card">
      <p role="alert" className="form-error">
        {t("invalidLink")}
      </p>
      <p>
        <Link href="/password/reset">{t("askAgain")}</Link>
      </p>
    </div>
  );
}
