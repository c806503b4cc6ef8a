import "server-only";
import { type Client, type Config, type InStatement, type Transaction } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

// SQLite shared by several server processes (npm start runs one per core), through libSQL: its
// native part arrives as a prebuilt Node-API package for each platform (@libsql/<platform>), so
// nothing compiles at install and one binary serves every Node.js from 20 on.
//
// The database is in WAL mode (scripts/migrate.mjs): readers never wait, and a writer waits up to
// BUSY_TIMEOUT_MS for another process's write to finish instead of failing. Two things in the
// stock adapter would undo that, and ONE_CONNECTION fixes both:
// - @libsql/client hands its connection to each transaction and opens a new one for what comes
//   next, so a pragma set once (busy_timeout) is lost at the first transaction, and every
//   transaction pays for opening the file again;
// - Prisma's adapter opens transactions as "deferred", which take the write lock only at the first
//   write; if another process wrote since the transaction's first read, SQLite answers SQLITE_BUSY
//   at once (no waiting could help that snapshot). BEGIN IMMEDIATE takes the write lock first, so
//   the transaction queues behind other writers instead.
// The adapter holds its lock from a transaction's start to its end, so nothing else runs on the
// connection meanwhile: the transaction may use the client's own connection.
const BUSY_TIMEOUT_MS = 10_000;

/** Transactions on the client's one connection, BEGIN IMMEDIATE; what the adapter calls of them. */
function oneConnection(client: Client): Client {
  client.transaction = async () => {
    await client.execute("BEGIN IMMEDIATE");
    let open = true;
    const end = async (sql: "COMMIT" | "ROLLBACK") => {
      if (!open) return;
      open = false;
      await client.execute(sql);
    };
    const transaction: Partial<Transaction> = {
      execute: (statement: InStatement) => client.execute(statement),
      async commit() {
        try {
          await end("COMMIT");
        } catch (error) {
          // A failed COMMIT leaves the transaction open: end it, so the connection is usable.
          await client.execute("ROLLBACK").catch(() => {});
          throw error;
        }
      },
      rollback: () => end("ROLLBACK"),
      close: () => void end("ROLLBACK").catch(() => {}),
    };
    return transaction as Transaction;
  };
  return client;
}

class OneConnectionLibSQL extends PrismaLibSQL {
  override createClient(config: Config): Client {
    return oneConnection(super.createClient(config));
  }

  override async connect() {
    const adapter = await super.connect();
    // libsql's Database takes no timeout option: the connection's own pragma sets it.
    await adapter.executeRaw({ sql: `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, args: [], argTypes: [] });
    return adapter;
  }
}

export function sqliteAdapterFactory(url: string): PrismaLibSQL {
  return new OneConnectionLibSQL({ url });
}
