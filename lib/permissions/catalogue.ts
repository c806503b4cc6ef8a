import "server-only";
import { Prisma } from "@prisma/client";
import { APP_PERMISSIONS, type PermissionDeclaration } from "@/lib/app-permissions";
import { prisma } from "@/lib/db";

// The catalogue of permissions: the product's own (Django's auth app) and the application's
// (lib/app-permissions.ts). Both lists are code; syncCatalogue() writes them to the Permission
// table, which groups and grants reference, at start-up (instrumentation.ts) and before the CLI
// or a grant change writes (memoized: one statement per process).

export const BUILT_IN: readonly PermissionDeclaration[] = [
  { codename: "auth.view_user", name: "Can view user" },
  { codename: "auth.change_user", name: "Can change user" },
  { codename: "auth.view_group", name: "Can view group" },
  { codename: "auth.add_group", name: "Can add group" },
  { codename: "auth.change_group", name: "Can change group" },
  { codename: "auth.delete_group", name: "Can delete group" },
  { codename: "auth.view_authevent", name: "Can view auth event" },
];

/** Django's form: "<app_label>.<codename>", lower case. */
const CODENAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/** Every permission the code declares, sorted by codename; a malformed or repeated codename is a bug. */
export const CATALOGUE: readonly PermissionDeclaration[] = (() => {
  const all = [...BUILT_IN, ...APP_PERMISSIONS];
  const seen = new Set<string>();
  for (const { codename } of all) {
    if (!CODENAME.test(codename)) throw new Error(`lib/app-permissions.ts: "${codename}" is not "<app>.<codename>"`);
    if (seen.has(codename)) throw new Error(`lib/app-permissions.ts: "${codename}" is declared twice`);
    seen.add(codename);
  }
  return all.sort((a, b) => (a.codename < b.codename ? -1 : a.codename > b.codename ? 1 : 0));
})();

export const CODENAMES: ReadonlySet<string> = new Set(CATALOGUE.map((permission) => permission.codename));

let synced: Promise<void> | undefined;

/** Writes the catalogue to the database (new ones added, names updated), once per process. */
export function syncCatalogue(): Promise<void> {
  synced ??= prisma
    .$executeRaw(
      Prisma.sql`INSERT INTO "Permission" ("codename", "name") VALUES ${Prisma.join(
        CATALOGUE.map(({ codename, name }) => Prisma.sql`(${codename}, ${name})`),
      )} ON CONFLICT ("codename") DO UPDATE SET "name" = excluded."name"`,
    )
    .then(
      () => undefined,
      (error: unknown) => {
        // Tried again by the next caller: a database that was down at start-up comes back.
        synced = undefined;
        throw error;
      },
    );
  return synced;
}

/** The catalogue as the API shows it (GET /api/permissions). */
export function listCatalogue(): Array<{ codename: string; name: string }> {
  return CATALOGUE.map(({ codename, name }) => ({ codename, name }));
}

/** The codenames of `list` that are not in the catalogue, in their order. */
export function unknownCodenames(list: readonly string[]): string[] {
  return list.filter((codename) => !CODENAMES.has(codename));
}
