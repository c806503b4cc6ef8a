import { listConnections } from "@/lib/connections";
import "server-only";
import { listSessions } from "@/lib/auth/session";
import type { AuthenticatedUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { listPasskeys } from "@/lib/mfa/passkeys";
import { mfaStatus } from "@/lib/mfa/status";
import { grantsOfUser } from "@/lib/permissions/user-grants";
import { listTokens } from "@/lib/tokens";
import { serializeUser } from "@/lib/users/shape";

// GET /api/me/export: everything kept about a person, as one JSON document (GDPR's right of
// access). Metadata only: no password hash, no token or session hash, no TOTP secret, no recovery
// code, no passkey public key, no provider's tokens.

export async function exportPersonalData(user: AuthenticatedUser, currentSessionId: string | null) {
  const [row, sessions, tokens, passkeys, secondFactor, connections, events, grants] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { isActive: true, isSuperuser: true, emailVerified: true, language: true },
    }),
    listSessions(user.id, currentSessionId),
    listTokens(user.id),
    listPasskeys(user.id),
    mfaStatus(user.id),
    listConnections(user.id),
    prisma.authEvent.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    grantsOfUser(user.id),
  ]);
  return {
    exported_at: new Date().toISOString(),
    user: {
      ...serializeUser(user),
      is_active: row.isActive,
      is_superuser: row.isSuperuser,
      email_verified_at: row.emailVerified?.toISOString() ?? null,
      language: row.language,
      ...grants,
    },
    sessions,
    tokens,
    passkeys,
    second_factor: { totp: secondFactor.totp, recovery_codes_left: secondFactor.recovery_codes_left },
    connections,
    events: events.map((event) => ({
      event: event.event,
      created: event.createdAt.toISOString(),
      ip: event.ip,
      user_agent: event.userAgent,
    })),
  };
}
