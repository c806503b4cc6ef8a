import "server-only";
import { prisma } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { RequestInfo } from "@/lib/auth/types";

// The audit trail: a structured log line and an AuthEvent row for every event a person would
// want to see on their account. Never a secret: no passwords, keys, tokens or hashes, and no
// attempted usernames of unknown accounts (people type passwords into the username field).

export type AuthEventName =
  | "login"
  | "login_failed"
  | "login_throttled"
  | "logout"
  | "register"
  | "password_changed"
  | "password_reset_requested"
  | "password_reset"
  | "session_revoked"
  | "token_created"
  | "token_revoked"
  | "user_deactivated"
  | "user_activated"
  | "staff_granted"
  | "staff_revoked"
  | "mfa_enabled"
  | "mfa_disabled"
  | "mfa_failed"
  | "recovery_codes_generated"
  | "recovery_code_used"
  | "passkey_added"
  | "passkey_removed"
  | "email_changed"
  | "email_removed"
  | "email_verification_sent"
  | "email_verified"
  | "login_new_device"
  | "second_step_locked"
  | "account_deleted"
  | "provider_connected"
  | "provider_disconnected"
  | "group_created"
  | "group_changed"
  | "group_deleted"
  | "permissions_changed";

/** Who did it, from where: a request, or a command line (no address). */
export const COMMAND_LINE: Actor = { clientAddress: "", headers: new Headers({ "user-agent": "manage" }) };

const USER_AGENT_MAX = 512;

/** Who did it when it is not the user themselves: a staff member's id, for the log line. */
export type Actor = Pick<RequestInfo, "clientAddress" | "headers"> & { requestId?: string; staffUserId?: string };

export async function recordEvent(
  event: AuthEventName,
  userId: string | null,
  actor: Actor = COMMAND_LINE,
): Promise<void> {
  const userAgent = (actor.headers.get("user-agent") ?? "").slice(0, USER_AGENT_MAX);
  logger.info(
    { audit: event, userId, by: actor.staffUserId, ip: actor.clientAddress, userAgent, requestId: actor.requestId },
    `auth event: ${event}`,
  );
  await prisma.authEvent.create({ data: { event, userId, ip: actor.clientAddress, userAgent } });
}

export type EventSummary = { event: string; created: string; ip: string; user_agent: string };

/** The user's own recent events, newest first. */
export async function listEvents(userId: string, limit = 50): Promise<EventSummary[]> {
  const rows = await prisma.authEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({
    event: row.event,
    created: row.createdAt.toISOString(),
    ip: row.ip,
    user_agent: row.userAgent,
  }));
}
