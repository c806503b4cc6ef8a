import "server-only";
import { redirect } from "next/navigation";
import { currentIdentity } from "@/lib/auth/current";
import { isAuthenticated, isStaff, type AuthenticatedIdentity } from "@/lib/auth/permissions";

/**
 * The staff member behind this request, or null for someone signed in who is not staff (the page
 * then says so). Anyone signed out is sent to log in and come back to `path`.
 */
export async function requireStaffMember(path: string): Promise<AuthenticatedIdentity | null> {
  const identity = await currentIdentity();
  if (!isAuthenticated(identity)) redirect(`/login?next=${path}`);
  return isStaff(identity) ? identity : null;
}
