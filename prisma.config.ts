import path from "node:path";
import type { PrismaConfig } from "prisma";
import { driverAdapterFor } from "./scripts/database-url.mjs";

// Prisma's CLI runs its schema engine as WebAssembly behind a driver adapter, because these
// machines cannot download the native engine. It needs DATABASE_URL for every command.
const url = process.env.DATABASE_URL ?? `file:${path.resolve("data", "vestibule.db")}`;
process.env.DATABASE_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: url.startsWith("file:") ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma",
  adapter: async () => driverAdapterFor(url),
} satisfies PrismaConfig;
