import { useTranslations } from "next-intl";

/** Staff's "turn a second factor off" for one user: a small form that works without JavaScript. */
export function AdminMfaSwitch({
  user,
  back,
  action,
}: {
  user: { id: string; username: string };
  back: string;
  action: (formData: FormData) => Promise<void>;
}) {
  const t = useTranslations("admin");
  return (
    <form action={action}>
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="mfa" value="false" />
      <input type="hidden" name="next" value={back} />
      <button type="submit" className="danger small">
        {t.rich("turnOffMfa", {
          username: user.username,
          hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
        })}
      </button>
    </form>
  );
}
