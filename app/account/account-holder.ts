import "server-only";
import { redirect } from "next/navigation";
import { currentIdentity } from "@/lib/auth/current";
import { isAuthenticated, type AuthenticatedIdentity } from "@/lib/auth/permissions";

export const ACCOUNT_PATH = "/account";

/** The signed-in person behind this request; anyone else is sent to log in and come back. */
export async function requireAccountHolder(): Promise<AuthenticatedIdentity> {
  const identity = await currentIdentity();
  if (!isAuthenticated(identity)) redirect(`/login?next=${ACCOUNT_PATH}`);
  return identity;
}
