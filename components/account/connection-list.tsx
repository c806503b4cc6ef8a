import { useTranslations } from "next-intl";
import { ConnectProviderForm } from "@/components/account/connect-provider-form";
import { FormError } from "@/components/form-error";
import { PendingButton } from "@/components/account/pending-button";
import type { FormAction } from "@/components/use-action-form";
import { formatUtc } from "@/lib/utc";
import type { ProviderSummary } from "@/lib/auth/providers";
import type { Message } from "@/lib/messages";
import type { ConnectionSummary } from "@/lib/connections";

type Props = {
  connections: ConnectionSummary[];
  providers: ProviderSummary[];
  /** Why the last disconnection or connection did not happen (a contract message), if it did not. */
  refusal?: Message;
  askPassword: boolean;
  disconnect: (formData: FormData) => Promise<void>;
  connect: FormAction;
};

/**
 * Provider accounts the person signs in with: each can be disconnected (but not the last way in);
 * configured ones not yet connected can be, with the password.
 */
export function ConnectionList({ connections, providers, refusal, askPassword, disconnect, connect }: Props) {
  const t = useTranslations("connections");
  const nameOf = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id;
  const unconnected = providers.filter(
    (provider) => !connections.some((connection) => connection.provider === provider.id),
  );
  return (
    <>
      <FormError message={refusal} />
      {connections.length ? (
        <ul className="items" aria-label={t("label")}>
          {connections.map((connection) => (
            <li key={connection.id} className="item">
              <div>
                <p className="item-title">{nameOf(connection.provider)}</p>
                <p className="meta">
                  {t.rich("connected", {
                    time: () => <time dateTime={connection.created}>{formatUtc(connection.created)}</time>,
                  })}
                </p>
              </div>
              <form action={disconnect}>
                <input type="hidden" name="id" value={connection.id} />
                <PendingButton className="danger">
                  {t.rich("disconnect", {
                    name: nameOf(connection.provider),
                    hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                  })}
                </PendingButton>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t("none")}</p>
      )}
      <ConnectProviderForm providers={unconnected} askPassword={askPassword} action={connect} />
    </>
  );
}
