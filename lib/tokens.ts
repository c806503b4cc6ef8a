import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import type { AuthenticatedUser, Grantee } from "@/lib/auth/types";
import { Prisma } from "@prisma/client";
import { toAuthenticatedUser, USER_COLUMNS, type PublicUserRow } from "@/lib/auth/user-row";
import { messages } from "@/lib/messages";
import { unknownCodenames } from "@/lib/permissions/catalogue";
import { firstNotHeld } from "@/lib/permissions/grants";
import { forbidden, invalid, type Forbidden, type Invalid } from "@/lib/refusal";
import type { TokenCreateInput } from "@/lib/validation";

// API keys: long, random and prefixed ("vst_…", so secret scanners can recognise a leaked one),
// shown once, stored only as a SHA-256, found by one indexed lookup (never by bcrypt).

const KEY_PREFIX = "vst_";
// `last_used` is written at most this often, so authenticating is not a write per request.
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;

function hashTokenKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/** `permissions`: the token's scope, null for everything its user may do. */
export type TokenSummary = {
  id: string;
  name: string;
  created: string;
  last_used: string | null;
  permissions: string[] | null;
};

function summarise(row: {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  permissions: string | null;
}): TokenSummary {
  return {
    id: row.id,
    name: row.name,
    created: row.createdAt.toISOString(),
    last_used: row.lastUsedAt?.toISOString() ?? null,
    permissions: parseScope(row.permissions),
  };
}

export type IssuedToken = { id: string; name: string; key: string; created: string; permissions: string[] | null };
export type IssueTokenResult = { ok: true; token: IssuedToken } | Forbidden | Invalid;

/**
 * A token's scope must exist and be the caller's own (no escalation through a token): the field
 * error for the first codename that is not, or null.
 */
async function scopeRefusal(caller: AuthenticatedIdentity, scope: readonly string[]): Promise<Invalid | null> {
  const [unknown] = unknownCodenames(scope);
  if (unknown !== undefined) return invalid({ permissions: [messages.noSuchCodename(unknown)] });
  const notHeld = await firstNotHeld(caller, scope);
  return notHeld === null ? null : invalid({ permissions: [messages.permissionNotHeld(notHeld)] });
}

/**
 * A signed-in person asks for a key (POST /api/tokens, the account page): a leaked token must not
 * be able to mint its own replacements, so a caller authenticated by a token gets none. (The API
 * refuses it before the body is read, from the route's declared schemes, as a permission is.)
 */
export async function issueTokenFor(
  caller: AuthenticatedIdentity,
  input: TokenCreateInput,
  actor: Actor,
): Promise<IssueTokenResult> {
  if (caller.auth.scheme === "token") return forbidden();
  const scope = input.permissions ?? null;
  const refusal = scope && (await scopeRefusal(caller, scope));
  if (refusal) return refusal;
  const token = await issueToken(caller.user, input.name ?? "", input.expires_in_days, actor, scope);
  return { ok: true, token };
}

/**
 * Creates a token under the credentials stamp the caller was authenticated with (so a mint that
 * raced a password change is born dead); the returned key exists nowhere else and cannot be shown again.
 */
export async function issueToken(
  user: Grantee,
  name: string,
  expiresInDays?: number,
  actor?: Actor,
  scope: readonly string[] | null = null,
): Promise<IssuedToken> {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await prisma.apiToken.create({
    data: {
      userId: user.id,
      name,
      keyHash: hashTokenKey(key),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null,
      credentialsVersion: user.credentialsVersion,
      permissions: scope === null ? null : JSON.stringify([...scope].sort()),
    },
  });
  await recordEvent("token_created", user.id, actor);
  return {
    id: row.id,
    name: row.name,
    key,
    created: row.createdAt.toISOString(),
    permissions: parseScope(row.permissions),
  };
}

/** The user's live tokens (under their current credentials stamp), newest first (no keys: they are not stored). */
export async function listTokens(userId: string): Promise<TokenSummary[]> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      credentialsVersion: true,
      tokens: {
        where: { OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  return (user?.tokens.filter((row) => row.credentialsVersion === user.credentialsVersion) ?? []).map(summarise);
}

/** Deletes one of the user's own tokens; false when there is no such token of theirs. */
export async function revokeToken(userId: string, tokenId: string, actor?: Actor): Promise<boolean> {
  const result = await prisma.apiToken.deleteMany({ where: { id: tokenId, userId } });
  if (result.count) await recordEvent("token_revoked", userId, actor);
  return result.count > 0;
}

/** Not awaited here, so that a caller can run it in one transaction with the change that requires it. */
export function revokeUserTokens(userId: string) {
  return prisma.apiToken.deleteMany({ where: { userId } });
}

/** `scope`: the token's codenames, null for everything its user may do. */
/** ApiToken.permissions: a JSON list of codenames, or null (everything). Anything else grants nothing. */
function parseScope(stored: string | null): string[] | null {
  if (stored === null) return null;
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export type FoundToken = { id: string; name: string; user: AuthenticatedUser; scope: string[] | null };

type TokenRow = PublicUserRow & {
  tokenId: string;
  tokenName: string;
  tokenPermissions: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
};

/**
 * One indexed read (a JOIN on the key hash's unique index): the live token and its user; else null.
 * A token issued under an older credentials stamp (minted while the password changed) is no token.
 */
export async function findToken(key: string): Promise<FoundToken | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 128) return null;
  const [row] = await prisma.$queryRaw<TokenRow[]>(Prisma.sql`
    SELECT t."id" AS "tokenId", t."name" AS "tokenName", t."permissions" AS "tokenPermissions", t."expiresAt", t."lastUsedAt", ${Prisma.raw(USER_COLUMNS)}
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."keyHash" = ${hashTokenKey(key)} AND t."credentialsVersion" = u."credentialsVersion"`);
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    // Fire and forget: a lost touch only makes "last used" a minute older.
    prisma.apiToken.updateMany({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return {
    id: row.tokenId,
    name: row.tokenName,
    user: toAuthenticatedUser(row),
    scope: parseScope(row.tokenPermissions),
  };
}
