import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConnectionList } from "@/components/account/connection-list";
import { ActivityList } from "@/components/account/activity-list";
import { DeleteAccountForm } from "@/components/account/delete-account-form";
import { EmailStatus } from "@/components/account/email-status";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { AccountSection } from "@/components/account/section";
import { SessionList } from "@/components/account/session-list";
import { WaysInReviewPanel } from "@/components/account/ways-in-review";
import { TokenForm } from "@/components/account/token-form";
import { TokenList } from "@/components/account/token-list";
import { listEvents } from "@/lib/audit";
import { listSessions } from "@/lib/auth/session";
import { providerSummaries } from "@/lib/auth/providers";
import { listConnections } from "@/lib/connections";
import { config } from "@/lib/env";
import { hasUsablePassword } from "@/lib/login/provider-connect";
import { messages, type Message } from "@/lib/messages";
import { connectProviderAction, disconnectAction } from "./connection-actions";
import { keepWaysInAction } from "./review-actions";
import { waysInToReview } from "@/lib/ways-in-review";
import { listTokens } from "@/lib/tokens";
import { AddPasskey } from "@/components/mfa/add-passkey";
import { PasskeyList } from "@/components/mfa/passkey-list";
import { TwoFactorPanel } from "@/components/mfa/two-factor-panel";
import { pendingTotp } from "@/lib/mfa/authenticator";
import { listPasskeys } from "@/lib/mfa/passkeys";
import { qrSvg } from "@/lib/mfa/qr";
import { mfaStatus } from "@/lib/mfa/status";
import {
  addPasskeyAction,
  beginTotpAction,
  confirmTotpAction,
  disableTotpAction,
  passkeyOptionsAction,
  regenerateCodesAction,
  removePasskeyAction,
} from "./mfa-actions";
import {
  changePasswordAction,
  createTokenAction,
  deleteAccountAction,
  resendVerificationAction,
  revokeSessionAction,
  revokeTokenAction,
  updateProfileAction,
} from "./actions";
import { ACCOUNT_PATH } from "@/components/account/links";
import { requireAccountHolder } from "@/lib/auth/page-guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("titles"))("account") };
}

const RECENT_EVENTS = 20;

/** ?connection= after a refused disconnection (the last way in) or a callback no password confirmed. */
const CONNECTION_REFUSALS = new Map<unknown, Message>([
  ["last-way", messages.lastWayToSignIn],
  ["unconfirmed", messages.connectUnconfirmed],
]);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { verification, connection } = await searchParams;
  const { user, auth } = await requireAccountHolder(ACCOUNT_PATH);
  const providers = providerSummaries(config);
  const t = await getTranslations("account");
  const [sessions, tokens, events, mfa, pending, passkeys, connections, askPassword, review] = await Promise.all([
    listSessions(user.id, auth.scheme === "session" ? auth.sessionId : null),
    listTokens(user.id),
    listEvents(user.id, RECENT_EVENTS),
    mfaStatus(user.id),
    pendingTotp(user.id, user.username),
    listPasskeys(user.id),
    listConnections(user.id),
    hasUsablePassword(user.id),
    waysInToReview(user.id),
  ]);
  const pendingSetup = pending && { secret: pending.secret, qrSvg: await qrSvg(pending.otpauth_uri) };
  const twoFactorActions = {
    begin: beginTotpAction,
    confirm: confirmTotpAction,
    regenerate: regenerateCodesAction,
    disable: disableTotpAction,
  };
  const profile = { first_name: user.firstName, last_name: user.lastName, email: user.email };
  return (
    <div className="account">
      <div>
        <h1>{t("title")}</h1>
        <p>{t.rich("signedInAs", { username: user.username, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      </div>
      {review && (
        <AccountSection id="review" title={t("review")}>
          <WaysInReviewPanel
            review={review}
            providers={providers}
            disconnect={disconnectAction}
            removePasskey={removePasskeyAction}
            keep={keepWaysInAction}
          />
        </AccountSection>
      )}
      <AccountSection id="profile" title={t("profile")}>
        <EmailStatus
          email={user.email}
          verified={user.emailVerified !== null}
          outcome={typeof verification === "string" ? verification : undefined}
          resend={resendVerificationAction}
        />
        <ProfileForm action={updateProfileAction} profile={profile} />
      </AccountSection>
      <AccountSection id="password" title={t("changePassword")}>
        <PasswordForm action={changePasswordAction} user={{ username: user.username, ...profile }} />
      </AccountSection>
      <AccountSection id="two-factor" title={t("twoFactor")}>
        <TwoFactorPanel
          on={mfa.totp}
          recoveryLeft={mfa.recovery_codes_left}
          pending={pendingSetup}
          actions={twoFactorActions}
        />
      </AccountSection>
      <AccountSection id="passkeys" title={t("passkeys")}>
        <PasskeyList passkeys={passkeys} remove={removePasskeyAction} />
        <h3>{t("addPasskey")}</h3>
        <AddPasskey getOptions={passkeyOptionsAction} add={addPasskeyAction} />
      </AccountSection>
      {(providers.length > 0 || connections.length > 0) && (
        <AccountSection id="connections" title={t("connections")}>
          <ConnectionList
            connections={connections}
            providers={providers}
            refusal={CONNECTION_REFUSALS.get(connection)}
            askPassword={askPassword}
            disconnect={disconnectAction}
            connect={connectProviderAction}
          />
        </AccountSection>
      )}
      <AccountSection id="sessions" title={t("sessions")}>
        <SessionList sessions={sessions} revoke={revokeSessionAction} />
      </AccountSection>
      <AccountSection id="tokens" title={t("tokens")}>
        <TokenForm action={createTokenAction} />
        <h3>{t("yourTokens")}</h3>
        <TokenList tokens={tokens} revoke={revokeTokenAction} />
      </AccountSection>
      <AccountSection id="activity" title={t("activity")}>
        <ActivityList events={events} />
      </AccountSection>
      <AccountSection id="your-data" title={t("yourData")}>
        <p>
          <a href="/api/me/export" download>
            {t("download")}
          </a>{" "}
          <span className="hint">{t("downloadHint")}</span>
        </p>
        <h3>{t("deleteAccount")}</h3>
        <DeleteAccountForm action={deleteAccountAction} />
      </AccountSection>
    </div>
  );
}
