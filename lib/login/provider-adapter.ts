import "server-only";
import { randomInt } from "node:crypto";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { Prisma } from "@prisma/client";
import { recordEvent } from "@/lib/audit";
import { currentRequestInfo } from "@/lib/auth/current";
import { prisma } from "@/lib/db";
import { unusablePassword } from "@/lib/passwords";
import { usernameKey } from "@/lib/auth/username-key";
import { USERNAME_MAX } from "@/lib/validation";

// @auth/prisma-adapter, with the parts our User model does differently. Auth.js itself decides
// when to link (lib/actions/callback/handle-login.js in @auth/core): a known provider identity
// signs its user in; a new one is linked to the signed-in user (connecting from /account), or
// refused (OAuthAccountNotLinked) when its e-mail address is an account's verified address (we
// never set allowDangerousEmailAccountLinking), or else signs up a new user through createUser.
//
// Only a verified address blocks: anyone can register with someone else's address unverified,
// and must not keep its owner from signing up through a provider (or steer them to a reset of
// an account the squatter prepared). When the provider vouches for the address, the new account
// gets it verified and the accounts that only claimed it lose it (audited `email_removed`; no
// mail, which would go to the very address in question); when it does not, nobody has proven
// it, and both keep it unverified.

type ProviderUser = AdapterUser & { username?: string; providerEmailVerified?: boolean };
type Row = { id: string; email: string; emailVerified: Date | null; username: string; image: string | null };

const toAdapterUser = (row: Row): AdapterUser => ({
  id: row.id,
  email: row.email,
  emailVerified: row.emailVerified,
  name: row.username,
  image: row.image,
});
const ROW = { id: true, email: true, emailVerified: true, username: true, image: true } as const;

/** Our username rules (letters, digits and @.+-_), from whatever the provider calls the person. */
export function usernameBase(...candidates: Array<string | null | undefined>): string {
  for (const candidate of candidates) {
    const cleaned = (candidate ?? "").normalize("NFKC").replace(/[^\p{L}\p{N}_.@+-]/gu, "");
    if (cleaned)
      return Array.from(cleaned)
        .slice(0, USERNAME_MAX - 8)
        .join("");
  }
  return "user";
}

async function freeUsername(base: string): Promise<string> {
  for (const name of [base, ...Array.from({ length: 8 }, (_, i) => `${base}${i + 2}`)]) {
    if (!(await prisma.user.findUnique({ where: { usernameKey: usernameKey(name) }, select: { id: true } })))
      return name;
  }
  return `${base}-${randomInt(100_000, 1_000_000)}`;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** A new user from a provider's profile: a free username, an unusable password, verified only on the provider's word. */
async function createProviderUser(user: ProviderUser): Promise<AdapterUser> {
  const base = usernameBase(user.username, user.email?.split("@")[0], user.name);
  for (let attempt = 0; ; attempt++) {
    const username = attempt ? `${base}-${randomInt(100_000, 1_000_000)}` : await freeUsername(base);
    try {
      const verified = !!user.email && user.providerEmailVerified === true;
      const { row, dropped } = await prisma.$transaction(async (tx) => {
        const dropped = verified ? await dropUnverifiedClaims(tx, user.email) : [];
        const row = await tx.user.create({
          data: {
            username,
            usernameKey: usernameKey(username),
            email: user.email ?? "",
            emailVerified: verified ? new Date() : null,
            emailVerifiedOnce: verified,
            password: unusablePassword(),
            lastLogin: new Date(),
          },
          select: ROW,
        });
        return { row, dropped };
      });
      const actor = await currentRequestInfo();
      for (const id of dropped) await recordEvent("email_removed", id, actor);
      return toAdapterUser(row);
    } catch (error) {
      // Someone took the name in the instant since it was found free: pick another.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** Takes `email` from every account that has it unverified (compared without case); their ids. */
async function dropUnverifiedClaims(tx: Prisma.TransactionClient, email: string): Promise<string[]> {
  const claims = await tx.$queryRaw<Array<{ id: string }>>(
    Prisma.sql`SELECT "id" FROM "User" WHERE lower("email") = lower(${email}) AND "emailVerified" IS NULL`,
  );
  const ids = claims.map((claim) => claim.id);
  if (ids.length) await tx.user.updateMany({ where: { id: { in: ids }, emailVerified: null }, data: { email: "" } });
  return ids;
}

export function providerAdapter(): Adapter {
  const base = PrismaAdapter(prisma);
  return {
    ...base,
    createUser: (user) => createProviderUser(user as ProviderUser),
    async getUser(id) {
      const row = await prisma.user.findUnique({ where: { id }, select: ROW });
      return row && toAdapterUser(row);
    },
    // Only to refuse a sign-in whose e-mail address is an existing account's verified one (never
    // to link it). Addresses compare without case, so "Alice@Example.com" is found for "alice@example.com".
    async getUserByEmail(email) {
      if (!email) return null;
      const [row] = await prisma.$queryRaw<Row[]>(
        Prisma.sql`SELECT "id", "email", "emailVerified", "username", "image" FROM "User" WHERE lower("email") = lower(${email}) AND "emailVerified" IS NOT NULL LIMIT 1`,
      );
      return row ? toAdapterUser(row) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await prisma.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: ROW } },
      });
      return account ? toAdapterUser(account.user) : null;
    },
    // Only the link: we sign in with the provider and never call its API, so its tokens are not kept.
    async linkAccount(account: AdapterAccount) {
      await prisma.account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      });
    },
  };
}
