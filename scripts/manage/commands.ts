import { prisma } from "@/lib/db";
import { noticesSent } from "@/lib/email/notices";
import { closePasswordPool } from "@/lib/passwords";
import { resolveDatabaseUrl } from "../database-url.mjs";
import { activate, deactivate } from "./activation";
import { changepassword } from "./changepassword";
import { createsuperuser } from "./createsuperuser";
import { createtoken } from "./createtoken";
import { disableMfa } from "./disable-mfa";
import { creategroup, grant, revoke } from "./grants";
import type { Prompts } from "./prompts";
import type { CommandName } from "./usage";

// Loaded only to run a command, so that --help and typos touch neither lib/ nor the database.

export const commands: Record<CommandName, (args: string[], prompts: Prompts) => Promise<void>> = {
  createsuperuser,
  changepassword,
  createtoken,
  deactivate,
  activate,
  "disable-mfa": disableMfa,
  creategroup,
  grant,
  revoke,
};

/** A fresh checkout has no tables yet; migrate() is idempotent and serialises concurrent runs. */
export async function prepareDatabase(): Promise<void> {
  // Imported when a command runs, so that --help and usage errors never load the database code.
  const { migrate } = await import("../migrate.mjs");
  const applied = await migrate(resolveDatabaseUrl());
  if (applied.length) process.stderr.write(`Applied migrations: ${applied.join(", ")}\n`);
  // The permission catalogue, for groups and grants to refer to (the server writes it at start-up too).
  const { syncCatalogue } = await import("@/lib/permissions/catalogue");
  await syncCatalogue();
}

/** The worker threads and the database connection would otherwise keep the process alive. */
export async function shutdown(): Promise<void> {
  // A command's security notice (changepassword, disable-mfa) goes out before the database closes.
  await noticesSent();
  await Promise.allSettled([closePasswordPool(), prisma.$disconnect()]);
}
