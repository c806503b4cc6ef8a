import type { AuthenticatedUser, AuthInfo, Identity } from "@/lib/auth/types";

// DRF's permission classes as type predicates: a handler that checked one has a narrowed user.

export type AuthenticatedIdentity = { user: AuthenticatedUser; auth: AuthInfo };
export type StaffIdentity = { user: AuthenticatedUser & { isStaff: true }; auth: AuthInfo };

export function isAuthenticated(identity: Identity): identity is AuthenticatedIdentity {
  return identity.user.isAuthenticated;
}

export function isStaff(identity: Identity): identity is StaffIdentity {
  return identity.user.isAuthenticated && identity.user.isStaff;
}
