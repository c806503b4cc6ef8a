import "server-only";
import { fail } from "@/lib/api/endpoint";
import { notAuthenticated, permissionDenied } from "@/lib/api/responses";
import { isAuthenticated, isStaff, type AuthenticatedIdentity } from "@/lib/auth/permissions";
import type { Identity } from "@/lib/auth/types";

/** DRF's IsAuthenticated: anonymous callers get the 401. */
export function requireUser(identity: Identity): AuthenticatedIdentity {
  if (!isAuthenticated(identity)) fail(notAuthenticated());
  return identity;
}

/** DRF's IsAdminUser: anonymous callers get the 401, other users the 403. */
export function requireStaff(identity: Identity): AuthenticatedIdentity {
  const caller = requireUser(identity);
  if (!isStaff(caller)) fail(permissionDenied());
  return caller;
}
