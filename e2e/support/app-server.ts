// An app server of a spec's own, for specs that must know more than BASE_URL gives: where the
// server sends mail (SMTP_URL) or which database it uses (to create a superuser from the command
// line). The HTTP tests' server: a fresh database (SQLite, or PostgreSQL under test:postgres).
import { startServer } from "../../tests/support/server";

export { ROOT } from "../../tests/support/server";

export type AppServer = {
  url: string;
  /** The server's DATABASE_URL, for command-line tools that must use the same database. */
  databaseUrl: string;
  stop(): Promise<void>;
};

export async function startAppServer(env: Record<string, string> = {}, hostname?: string): Promise<AppServer> {
  const server = await startServer(
    { LOG_LEVEL: "warn", THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m", ...env },
    undefined,
    { hostname },
  );
  const databaseUrl = server.databasePath.startsWith("postgres") ? server.databasePath : `file:${server.databasePath}`;
  return { url: server.url, databaseUrl, stop: server.stop };
}
