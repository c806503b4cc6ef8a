import type { PrismaConfig } from "prisma";
import { driverAdapterFor, providerOf, resolveDatabaseUrl } from "./scripts/database-url.mjs";

// Prisma's CLI runs its schema engine as WebAssembly behind a driver adapter, because these
// machines cannot download the native engine. It needs DATABASE_URL for every command: the same
// one the app uses, default included (scripts/database-url.mjs).
const url = resolveDatabaseUrl();
process.env.DATABASE_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: providerOf(url) === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma",
  adapter: async () => driverAdapterFor(url),
} satisfies PrismaConfig;
