import "server-only";

// Errors that mean "the database cannot be reached right now" (a 503), as opposed to bugs (500).
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
  "SQLITE_LOCKED",
]);
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|database is locked|Can't reach database server|connection .* closed|terminating connection/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === "string" && (PRISMA_UNAVAILABLE.has(code) || NETWORK_CODES.has(code))) return true;
  if (typeof message === "string" && UNAVAILABLE_TEXT.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
