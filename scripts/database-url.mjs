// Which database a DATABASE_URL names, shared by the Prisma config, the migrator and the app.
import path from "node:path";

export const DEFAULT_SQLITE_PATH = path.join("data", "vestibule.db");

/** The URL to use: DATABASE_URL, or the embedded SQLite file in ./data/ as an absolute path. */
export function resolveDatabaseUrl(env = process.env) {
  const given = env.DATABASE_URL?.trim();
  if (!given) return `file:${path.resolve(DEFAULT_SQLITE_PATH)}`;
  if (given.startsWith("file:")) return `file:${path.resolve(given.slice("file:".length))}`;
  return given;
}

/** "sqlite" or "postgresql"; anything else is a configuration error. */
export function providerOf(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL).");
}

export function sqlitePath(url) {
  return url.slice("file:".length);
}

/** A Prisma driver adapter factory for the URL (the Prisma CLI's WebAssembly engine needs one). */
export async function driverAdapterFor(url) {
  if (providerOf(url) === "sqlite") {
    const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
    return new PrismaLibSQL({ url });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: url });
}
