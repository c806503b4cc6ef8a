import "server-only";
import { recordEvent, type Actor } from "@/lib/audit";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { config } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recheckPassword } from "@/lib/auth/password-check";
import { forbidden, type Forbidden, type Invalid, type Throttled } from "@/lib/refusal";
import { providerOf } from "@/scripts/database-url.mjs";

// DELETE /api/me and "Delete my account": the account goes, and with it (by the foreign keys'
// cascades) its sessions, API tokens, passkeys, authenticator app, recovery codes, login tickets
// and connected accounts. Audit rows stay, without the link to the person (ON DELETE SET NULL).

const POSTGRES = providerOf(config.DATABASE_URL) === "postgresql";

/** Forbidden: not a session (a script's token or basic credentials), or the last active superuser. */
export type DeletionResult =
  { ok: true } | Invalid | Throttled | (Forbidden & { why: "session_required" | "last_superuser" });

export async function deleteAccount(
  caller: AuthenticatedIdentity,
  password: string,
  actor: Actor,
): Promise<DeletionResult> {
  // Only a person at their own browser deletes the account: not a script's token or basic credentials.
  if (caller.auth.scheme !== "session") return { ...forbidden(), why: "session_required" };
  const { user } = caller;
  const check = await recheckPassword(user, password, actor);
  if (!check.ok) return check;
  const deleted = await prisma.$transaction(async (tx) => {
    // Two superusers deleting themselves at once must not both pass the check below: on PostgreSQL
    // the active superusers' rows are locked first, so the second waits and then sees the first
    // gone. (SQLite runs one write transaction at a time.)
    if (POSTGRES)
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "isSuperuser" = true AND "isActive" = true FOR UPDATE`;
    // The last active superuser stays: nobody could manage staff without one.
    return tx.$executeRaw`DELETE FROM "User" WHERE "id" = ${user.id}
      AND ("isSuperuser" = false OR "isActive" = false OR EXISTS (
        SELECT 1 FROM "User" AS "other" WHERE "other"."isSuperuser" = true AND "other"."isActive" = true AND "other"."id" <> ${user.id}))`;
  });
  if (deleted !== 1) return { ...forbidden(), why: "last_superuser" };
  // The audit row names nobody; the log line keeps the id for the operator.
  logger.info({ userId: user.id }, "account deleted by its owner");
  await recordEvent("account_deleted", null, actor);
  return { ok: true };
}
