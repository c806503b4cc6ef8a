import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { config } from "@/lib/env";
import { sqliteAdapterFactory } from "@/lib/sqlite-adapter";
import { providerOf } from "@/scripts/database-url.mjs";

// The one Prisma client. Kept on globalThis so that `next dev` reloads reuse it.

function createClient(): PrismaClient {
  const url = config.DATABASE_URL;
  if (providerOf(url) === "sqlite") {
    return new PrismaClient({ adapter: sqliteAdapterFactory(url) });
  }
  // A short connection timeout turns an unreachable database into a quick 503, not a hang.
  const adapter = new PrismaPg({
    connectionString: url,
    max: config.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

const holder = globalThis as typeof globalThis & { vestibulePrisma?: PrismaClient };

export const prisma: PrismaClient = holder.vestibulePrisma ?? createClient();
holder.vestibulePrisma = prisma;
