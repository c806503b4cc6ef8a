import { useTranslations } from "next-intl";
import type { ProviderSummary } from "@/lib/auth/providers";

type Props = {
  providers: ProviderSummary[];
  next: string;
  action: (formData: FormData) => Promise<void>;
};

/** "Continue with <name>": one plain form per provider, a post to the server action that sends the browser to it (no JavaScript needed). */
export function ProviderButtons({ providers, next, action }: Props) {
  const t = useTranslations("providers");
  if (!providers.length) return null;
  return (
    <div className="providers">
      {providers.map((provider) => (
        <form key={provider.id} action={action}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="next" value={next} />
          <button type="submit">{t("continue", { name: provider.name })}</button>
        </form>
      ))}
    </div>
  );
}
