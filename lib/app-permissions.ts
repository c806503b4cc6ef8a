// The application's own permissions, declared once in code (Django's Meta.permissions): they join
// the catalogue at the next start (lib/permissions/catalogue.ts), with no migration to write.
// An application built on Vestibule replaces this example list with its own.

export type PermissionDeclaration = { codename: string; name: string };

export const APP_PERMISSIONS: readonly PermissionDeclaration[] = [
  { codename: "notes.view_note", name: "Can view note" },
  { codename: "notes.add_note", name: "Can add note" },
  { codename: "notes.change_note", name: "Can change note" },
  { codename: "notes.delete_note", name: "Can delete note" },
];
