import { useTranslations } from "next-intl";

type UserState = { id: string; username: string; is_active: boolean; is_staff: boolean };

type Props = {
  user: UserState;
  /** The staff member's own row: no button that would lock them out. */
  self: boolean;
  /** Where to come back to after the change. */
  back: string;
  action: (formData: FormData) => Promise<void>;
};

function ChangeButton({
  user,
  field,
  value,
  label,
  back,
  action,
  danger,
}: Omit<Props, "self"> & { field: "is_active" | "is_staff"; value: boolean; label: string; danger: boolean }) {
  return (
    <form action={action}>
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name={field} value={String(value)} />
      <input type="hidden" name="next" value={back} />
      <button type="submit" className={danger ? "danger small" : "secondary small"}>
        {label}
        <span className="visually-hidden"> {user.username}</span>
      </button>
    </form>
  );
}

/** Deactivate / Reactivate and Grant / Revoke staff: small forms that work without JavaScript. */
export function UserActions({ user, self, back, action }: Props) {
  const t = useTranslations("admin");
  if (self) return <span className="meta">{t("thisIsYou")}</span>;
  const common = { user, back, action };
  return (
    <div className="user-actions">
      {user.is_active ? (
        <ChangeButton {...common} field="is_active" value={false} label={t("deactivate")} danger />
      ) : (
        <ChangeButton {...common} field="is_active" value label={t("reactivate")} danger={false} />
      )}
      {user.is_staff ? (
        <ChangeButton {...common} field="is_staff" value={false} label={t("revokeStaff")} danger />
      ) : (
        <ChangeButton {...common} field="is_staff" value label={t("grantStaff")} danger={false} />
      )}
    </div>
  );
}
