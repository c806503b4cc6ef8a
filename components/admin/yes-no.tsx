import { useTranslations } from "next-intl";

export function YesNo({ value }: { value: boolean }) {
  const t = useTranslations("admin");
  return <>{value ? t("yes") : t("no")}</>;
}
