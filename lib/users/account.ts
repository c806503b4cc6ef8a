import "server-only";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { recordAndNotify } from "@/lib/email/notices";
import { messages } from "@/lib/messages";
import { passwordUserOf, validatePassword } from "@/lib/password-validation";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { revokeUserSessions } from "@/lib/auth/session";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { guardedCheck, passwordAttempt } from "@/lib/throttle";
import { revokeUserTokens } from "@/lib/tokens";
import { deviceOf } from "@/lib/auth/credentials";
import { usernameKey } from "@/lib/auth/username-key";
import { openWaysInReview } from "@/lib/ways-in-review";
import type { PasswordChangeInput } from "@/lib/validation";
import { config } from "@/lib/env";
import { providerOf } from "@/scripts/database-url.mjs";

const POSTGRES = providerOf(config.DATABASE_URL) === "postgresql";

export type PasswordChangeResult = { ok: true } | Invalid | Throttled;

/**
 * Django's PasswordChangeView, plus what it should do: every other session and every API token
 * of the user stop working. The current session survives (as update_session_auth_hash keeps it);
 * a change made with a token or basic credentials has no current session, so all sessions end.
 */
export async function changePassword(
  identity: AuthenticatedIdentity,
  input: PasswordChangeInput,
  actor?: Actor,
): Promise<PasswordChangeResult> {
  const { user, auth } = identity;
  // A stolen session must not become a password-guessing oracle: wrong old passwords count as
  // failed logins of this username, under the same throttle.
  const device = actor ? deviceOf(actor.headers, user) : null;
  const guarded = await guardedCheck(
    passwordAttempt(usernameKey(user.username), actor?.clientAddress ?? "", device),
    async () => {
      const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { password: true } });
      const right = await verifyPassword(input.old_password, row.password);
      return { outcome: right ? "success" : "failure", value: right } as const;
    },
  );
  if (guarded.throttled) return throttled(guarded.retryAfter);
  if (!guarded.value) return invalid({ old_password: [messages.wrongOldPassword] });
  const problems = validatePassword(input.new_password, passwordUserOf(user));
  if (problems.length) return invalid({ new_password: problems });

  await setPassword(user.id, input.new_password, auth.scheme === "session" ? auth.sessionId : undefined, actor);
  return { ok: true };
}

/**
 * Stores a new password and ends the user's sessions (but `keepSessionId`) and tokens; with no
 * session kept, it opens a review of the ways in (lib/ways-in-review.ts). The
 * credentials stamp goes up in the same transaction, so a login or token mint that checked the
 * old password and has not written its row yet writes a dead one. The kept session moves to the
 * new stamp with it, if it was live under the old one.
 */
export async function setPassword(
  userId: string,
  password: string,
  keepSessionId?: string,
  actor?: Actor,
): Promise<void> {
  const hash = await hashPassword(password);
  await prisma.$transaction([
    ...(keepSessionId ? [restampSession(userId, keepSessionId)] : []),
    prisma.user.update({ where: { id: userId }, data: { password: hash, credentialsVersion: { increment: 1 } } }),
    revokeUserSessions(userId, keepSessionId),
    revokeUserTokens(userId),
    // No session kept (a reset, the command line, a change made with a token): whoever set the
    // password may be taking the account back, and reviews the ways in that outlive it.
    ...(keepSessionId ? [] : [openWaysInReview(userId)]),
  ]);
  await recordAndNotify("password_changed", userId, actor);
}

/** Runs before the user's stamp goes up, in the same transaction. */
function restampSession(userId: string, sessionId: string) {
  return prisma.$executeRaw`UPDATE "Session" SET "credentialsVersion" = "credentialsVersion" + 1
    WHERE "id" = ${sessionId} AND "userId" = ${userId} AND "credentialsVersion" = (SELECT "credentialsVersion" FROM "User" WHERE "id" = ${userId})`;
}

/**
 * Deactivation ends the user's sessions and tokens at once; reactivation restores nothing. Both
 * raise the credentials stamp, so nothing issued before either (even a login in flight) works
 * after. Deactivation never leaves the site without an active superuser: the check is part of the
 * deactivating statement, inside its transaction, so two superusers deactivating each other at
 * once cannot both pass it (on PostgreSQL the active superusers' rows are locked first; SQLite
 * runs one write transaction at a time). False when it was refused for that.
 */
export async function setActive(userId: string, active: boolean, actor?: Actor): Promise<boolean> {
  const changed = await prisma.$transaction(async (tx) => {
    if (!active && POSTGRES)
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "isSuperuser" = true AND "isActive" = true FOR UPDATE`;
    const updated = active
      ? await tx.$executeRaw`UPDATE "User" SET "isActive" = true, "credentialsVersion" = "credentialsVersion" + 1
          WHERE "id" = ${userId}`
      : await tx.$executeRaw`UPDATE "User" SET "isActive" = false, "credentialsVersion" = "credentialsVersion" + 1
          WHERE "id" = ${userId} AND ("isSuperuser" = false OR "isActive" = false OR EXISTS (
            SELECT 1 FROM "User" AS "other"
            WHERE "other"."isSuperuser" = true AND "other"."isActive" = true AND "other"."id" <> ${userId}))`;
    if (updated !== 1) return false;
    await tx.session.deleteMany({ where: { userId } });
    await tx.apiToken.deleteMany({ where: { userId } });
    return true;
  });
  if (changed) await recordEvent(active ? "user_activated" : "user_deactivated", userId, actor);
  return changed;
}
