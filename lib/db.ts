import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { config } from "@/lib/env";
import { providerOf } from "@/scripts/database-url.mjs";

// The one Prisma client. Kept on globalThis so that `next dev` reloads reuse it.

function createClient(): PrismaClient {
  const url = config.DATABASE_URL;
  if (providerOf(url) === "sqlite") {
    // Wait for a writer instead of failing at once with SQLITE_BUSY.
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
  }
  // A short connection timeout turns an unreachable database into a quick 503, not a hang.
  const adapter = new PrismaPg({ connectionString: url, max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 30_000 });
  return new PrismaClient({ adapter });
}

const holder = globalThis as typeof globalThis & { vestibulePrisma?: PrismaClient };

export const prisma: PrismaClient = holder.vestibulePrisma ?? createClient();
holder.vestibulePrisma = prisma;
