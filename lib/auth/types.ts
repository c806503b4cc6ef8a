import type { Message } from "@/lib/messages";

// Who a request is, in Django REST Framework's terms: `user` is a real user or the anonymous
// user (never null), and `auth` says how the user was authenticated (null when anonymous).

export type AuthenticatedUser = {
  isAuthenticated: true;
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  /** When the owner opened the link mailed to `email`; null while it is unverified. */
  emailVerified: Date | null;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  dateJoined: Date;
  lastLogin: Date | null;
  /** The credentials stamp this identity was established under (User.credentialsVersion). */
  credentialsVersion: number;
  /** In a group or holding a direct permission (User.hasGrants): false spares the permission query. */
  hasGrants: boolean;
};

/** Who a session or token is issued to: the user, and the credentials stamp their password was checked under. */
export type Grantee = Pick<AuthenticatedUser, "id" | "credentialsVersion">;

export type AnonymousUser = { isAuthenticated: false; id: null; username: ""; isStaff: false; isActive: false };

export const ANONYMOUS_USER: AnonymousUser = Object.freeze({
  isAuthenticated: false,
  id: null,
  username: "",
  isStaff: false,
  isActive: false,
});

export type AuthInfo =
  { scheme: "session"; sessionId: string } | { scheme: "token"; tokenId: string; name: string } | { scheme: "basic" };

/**
 * A signed-in identity. `renewCookie`: the session's expiry was extended; the response should
 * carry this Set-Cookie. `scope`: a scoped API token's codenames (ApiToken.permissions); the
 * identity may do only what is both in it and in the user's current permissions.
 */
export type SignedIn = {
  user: AuthenticatedUser;
  auth: AuthInfo;
  renewCookie?: string;
  scope?: readonly string[] | null;
};

export type Identity = SignedIn | { user: AnonymousUser; auth: null };

export const ANONYMOUS: Identity = Object.freeze({ user: ANONYMOUS_USER, auth: null });

/** What a scheme may read of a request: the same for route handlers and server components. */
export type RequestInfo = {
  headers: Headers;
  clientAddress: string;
  secure: boolean;
  /** Ties a request's log lines together. */
  requestId: string;
};

/** A credential that was presented but is malformed or wrong: a 401, never anonymity. */
export class AuthenticationFailed extends Error {
  constructor(readonly detail: Message) {
    super(detail);
    this.name = "AuthenticationFailed";
  }
}

/** A credential check that was refused by the login throttle: a 429 with Retry-After. */
export class AuthenticationThrottled extends Error {
  constructor(readonly retryAfter: number) {
    super("authentication throttled");
    this.name = "AuthenticationThrottled";
  }
}

/** DRF's BaseAuthentication: null means "not my kind of credential, ask the next scheme". */
export type AuthenticationScheme = {
  name: AuthInfo["scheme"];
  authenticate(request: RequestInfo): Promise<SignedIn | null>;
};
