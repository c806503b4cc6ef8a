import "server-only";
import { redirect } from "next/navigation";
import { currentIdentity } from "@/lib/auth/current";
import { isAuthenticated, isStaff, type AuthenticatedIdentity, type StaffIdentity } from "@/lib/auth/permissions";

// Who may see a page or use its server actions: the pages' counterpart of endpoint()'s
// `permission`. Anyone signed out is sent to log in and come back to `path`.

/** The signed-in person behind this request. */
export async function requireAccountHolder(path: string): Promise<AuthenticatedIdentity> {
  const identity = await currentIdentity();
  if (!isAuthenticated(identity)) redirect(`/login?next=${path}`);
  return identity;
}

/** The staff member behind this request, or null for someone signed in who is not staff (the page then says so). */
export async function requireStaffMember(path: string): Promise<StaffIdentity | null> {
  const identity = await requireAccountHolder(path);
  return isStaff(identity) ? identity : null;
}
