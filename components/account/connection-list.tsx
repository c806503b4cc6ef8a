import { useTranslations } from "next-intl";
import { FormError } from "@/components/form-error";
import { PendingButton } from "@/components/account/pending-button";
import { ProviderButtons } from "@/components/login/provider-buttons";
import { formatUtc } from "@/components/utc";
import type { ProviderSummary } from "@/lib/auth/providers";
import type { ConnectionSummary } from "@/lib/connections";
import { messages } from "@/lib/messages";

type Props = {
  connections: ConnectionSummary[];
  providers: ProviderSummary[];
  lastWay: boolean;
  disconnect: (formData: FormData) => Promise<void>;
  connect: (formData: FormData) => Promise<void>;
};

/** Provider accounts the person signs in with: each can be disconnected (but not the last way in); configured ones not yet connected can be. */
export function ConnectionList({ connections, providers, lastWay, disconnect, connect }: Props) {
  const t = useTranslations("connections");
  const nameOf = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id;
  const unconnected = providers.filter(
    (provider) => !connections.some((connection) => connection.provider === provider.id),
  );
  return (
    <>
      <FormError message={lastWay ? messages.lastWayToSignIn : undefined} />
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
      <ProviderButtons providers={unconnected} next="/account" action={connect} verb="connect" />
    </>
  );
}
