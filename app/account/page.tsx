import type { Metadata } from "next";
import { ActivityList } from "@/components/account/activity-list";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { AccountSection } from "@/components/account/section";
import { SessionList } from "@/components/account/session-list";
import { TokenForm } from "@/components/account/token-form";
import { TokenList } from "@/components/account/token-list";
import { listEvents } from "@/lib/audit";
import { listSessions } from "@/lib/auth/sessions";
import { listTokens } from "@/lib/tokens";
import { requireAccountHolder } from "./account-holder";
import { changePasswordAction, createTokenAction, revokeSessionAction, revokeTokenAction, updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Your account · Vestibule" };

const RECENT_EVENTS = 20;

export default async function AccountPage() {
  const { user, auth } = await requireAccountHolder();
  const [sessions, tokens, events] = await Promise.all([
    listSessions(user.id, auth.scheme === "session" ? auth.sessionId : null),
    listTokens(user.id),
    listEvents(user.id, RECENT_EVENTS),
  ]);
  const profile = { first_name: user.firstName, last_name: user.lastName, email: user.email };
  return (
    <div className="account">
      <div>
        <h1>Your account</h1>
        <p>
          Signed in as <strong>{user.username}</strong>
        </p>
      </div>
      <AccountSection id="profile" title="Profile">
        <ProfileForm action={updateProfileAction} profile={profile} />
      </AccountSection>
      <AccountSection id="password" title="Change password">
        <PasswordForm action={changePasswordAction} user={{ username: user.username, ...profile }} />
      </AccountSection>
      <AccountSection id="sessions" title="Active sessions">
        <SessionList sessions={sessions} revoke={revokeSessionAction} />
      </AccountSection>
      <AccountSection id="tokens" title="API tokens">
        <TokenForm action={createTokenAction} />
        <h3>Your tokens</h3>
        <TokenList tokens={tokens} revoke={revokeTokenAction} />
      </AccountSection>
      <AccountSection id="activity" title="Recent activity">
        <ActivityList events={events} />
      </AccountSection>
    </div>
  );
}
