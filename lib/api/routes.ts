import { z } from "zod";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import { renderMessage } from "@/lib/i18n/render-message";
import { DEFAULT_LOCALE } from "@/lib/i18n/locale";
import { messages, type Message } from "@/lib/messages";
import { hasPermissions, type AnyPermissionClass } from "@/lib/permissions/classes";
import { passwordChangeSchemaFor, registrationSchema, resetConfirmSchema } from "@/lib/password-validation";
import {
  connectionShape,
  detailShape,
  eventShape,
  grantedUserShape,
  groupShape,
  loginAnswerShape,
  mfaStatusShape,
  myPermissionsShape,
  newTokenShape,
  openApiShape,
  passkeyShape,
  permissionShape,
  personalDataShape,
  providerShape,
  recoveryCodesShape,
  sessionShape,
  sessionStateShape,
  tokenShape,
  totpSetupShape,
  userDetailShape,
  userPageShape,
  userShape,
  webAuthnOptionsShape,
} from "@/lib/shapes";
import {
  emailVerifySchema,
  groupSchema,
  groupUpdateSchema,
  loginSchema,
  logoutSchema,
  mfaCodeSchema,
  mfaLoginSchema,
  passkeyCreateSchema,
  passkeyLoginSchema,
  passwordChangeSchema,
  passwordConfirmSchema,
  passwordResetSchema,
  profileSchema,
  staffUserUpdateSchema,
  ticketSchema,
  tokenCreateSchema,
} from "@/lib/validation";

// Every route of the JSON API, declared once, and the declaration is what runs: endpoint()
// (lib/api/endpoint.ts) checks `permission` and `schemes`, reads and validates the body with
// `body` (DELETE included), and answers the handler's value with `success` (its status, its
// `message`, its headers), or the handler's refusal through one table (lib/api/refusals.ts).
// app/api/**/route.ts give the handlers (endpoint(path, handlers): the methods declared here, no
// others); lib/openapi.ts walks the same values into the OpenAPI document.

export type DeclaredMethod = "get" | "post" | "put" | "patch" | "delete";
/**
 * DRF's AllowAny, IsAuthenticated and IsAdminUser by name, or any permission class of
 * lib/permissions/classes.ts (hasPermissions(…), modelPermissions(…), their compositions).
 */
export type Permission = "anyone" | "authenticated" | "staff" | AnyPermissionClass;
export type Scheme = "session" | "token" | "basic";

export type Success = {
  status: number;
  description: string;
  /** The body's shape (lib/shapes.ts): the handler's value is typed by it. */
  schema?: z.ZodType;
  /** A success that is only a message: `{"detail": message}`, in the request's language. */
  message?: Message;
  headers?: Record<string, string>;
};

export type RouteDeclaration = {
  summary: string;
  description?: string;
  /**
   * Who may call: endpoint() checks it before the body is read, as DRF checks permissions before
   * parsing (401 for anonymous callers, 403 for the wrong user), and gives the handler the
   * identity type it proves.
   */
  permission: Permission;
  /**
   * The only schemes the operation accepts (403 for the others, before the body is read): a token
   * cannot mint a token, only a person at their browser deletes the account. The domain function
   * keeps the same rule for the server actions.
   */
  schemes?: readonly Scheme[];
  /** The endpoint logs people in, so the CSRF rule applies even without a cookie. */
  setsSession?: boolean;
  /** The answer is the same for everyone and holds nothing private (the OpenAPI document). */
  public?: boolean;
  /** The body's schema: endpoint() validates with it (400 with DRF's field errors); the handler gets its output. */
  body?: z.ZodType;
  /** When the body's rules depend on the caller (a new password unlike the user's names): validates instead of `body`, which documents it. */
  bodyFor?: (identity: AuthenticatedIdentity) => z.ZodType;
  query?: Record<string, { type: "string" | "integer"; description: string }>;
  success: Success;
  failures?: readonly number[];
  /** The 404's message when it is not "Not found.". */
  notFound?: Message;
};

/** A success that is only its message. */
const said = (message: Message) => ({
  status: 200,
  description: renderMessage(message, DEFAULT_LOCALE),
  schema: detailShape,
  message,
});

export const ROUTES = {
  "/api/register": {
    post: {
      summary: "Create an account and log in",
      permission: "anyone",
      setsSession: true,
      body: registrationSchema,
      success: { status: 201, description: "The new user; the session cookie is set", schema: userShape },
      failures: [400, 403, 429],
    },
  },
  "/api/login": {
    post: {
      summary: "Log in with a username and password",
      description: "Issues a new session id (no fixation).",
      permission: "anyone",
      setsSession: true,
      body: loginSchema,
      success: {
        status: 200,
        description: "The user, the session cookie set; or, for a user with a second factor, a ticket and no cookie",
        schema: loginAnswerShape,
      },
      failures: [400, 403, 429],
    },
  },
  "/api/login/mfa": {
    post: {
      summary: "Finish a login with a TOTP code, a recovery code or a passkey",
      description: "Wrong codes count against the username's login throttle; a ticket dies after 5 of them.",
      permission: "anyone",
      setsSession: true,
      body: mfaLoginSchema,
      success: { status: 200, description: "The user; the session cookie is set", schema: userShape },
      failures: [400, 403, 429],
    },
  },
  "/api/login/mfa/passkey-options": {
    post: {
      summary: "WebAuthn request options for the ticket's user",
      permission: "anyone",
      body: ticketSchema,
      success: {
        status: 200,
        description: "Options; the challenge is kept with the ticket",
        schema: webAuthnOptionsShape,
      },
      failures: [400],
    },
  },
  "/api/login/passkey/options": {
    post: {
      summary: "WebAuthn request options for signing in with a passkey",
      permission: "anyone",
      success: {
        status: 200,
        description: "Options for a discoverable credential, user verification required",
        schema: webAuthnOptionsShape,
      },
      failures: [429],
    },
  },
  "/api/login/passkey": {
    post: {
      summary: "Sign in with a passkey",
      description: "No second factor follows.",
      permission: "anyone",
      setsSession: true,
      body: passkeyLoginSchema,
      success: { status: 200, description: "The user; the session cookie is set", schema: userShape },
      failures: [400, 403, 429],
    },
  },
  "/api/mfa": {
    get: {
      summary: "The user's second factors",
      permission: "authenticated",
      success: { status: 200, description: "What is on", schema: mfaStatusShape },
    },
  },
  "/api/mfa/totp": {
    post: {
      summary: "Start setting up an authenticator app",
      description: "A pending secret; asking again replaces it.",
      permission: "authenticated",
      body: passwordConfirmSchema,
      success: { status: 200, description: "The secret", schema: totpSetupShape },
      failures: [400, 409, 429],
    },
    delete: {
      summary: "Turn the authenticator app and recovery codes off",
      permission: "authenticated",
      body: passwordConfirmSchema,
      success: { status: 204, description: "Off" },
      failures: [400, 429],
    },
  },
  "/api/mfa/totp/confirm": {
    post: {
      summary: "Turn the authenticator app on with a first code",
      permission: "authenticated",
      body: mfaCodeSchema,
      success: { status: 200, description: "The recovery codes", schema: recoveryCodesShape },
      failures: [400],
    },
  },
  "/api/mfa/recovery-codes": {
    post: {
      summary: "New recovery codes (the old set stops working)",
      permission: "authenticated",
      body: passwordConfirmSchema,
      success: { status: 200, description: "The recovery codes", schema: recoveryCodesShape },
      failures: [400, 409, 429],
    },
  },
  "/api/passkeys/options": {
    post: {
      summary: "WebAuthn creation options for a new passkey",
      description: "The challenge lives 5 minutes.",
      permission: "authenticated",
      body: passwordConfirmSchema,
      success: { status: 200, description: "Options", schema: webAuthnOptionsShape },
      failures: [400, 429],
    },
  },
  "/api/passkeys": {
    get: {
      summary: "The user's passkeys",
      permission: "authenticated",
      success: { status: 200, description: "Passkeys", schema: z.array(passkeyShape) },
    },
    post: {
      summary: "Add a passkey",
      permission: "authenticated",
      body: passkeyCreateSchema,
      success: { status: 201, description: "The passkey", schema: passkeyShape },
      failures: [400],
    },
  },
  "/api/passkeys/{id}": {
    delete: {
      summary: "Remove one of the user's passkeys",
      permission: "authenticated",
      body: passwordConfirmSchema,
      success: { status: 204, description: "Removed" },
      failures: [400, 404, 429],
    },
  },
  "/api/logout": {
    post: {
      summary: "Log out (this session, or every session with all=true)",
      permission: "anyone",
      body: logoutSchema,
      success: said(messages.loggedOut),
      failures: [400, 403],
    },
  },
  "/api/session": {
    get: {
      summary: "Who is this request?",
      permission: "anyone",
      success: { status: 200, description: "The identity", schema: sessionStateShape },
    },
  },
  "/api/me": {
    get: {
      summary: "The current user",
      permission: "authenticated",
      success: { status: 200, description: "The user", schema: userShape },
    },
    delete: {
      summary: "Delete the account (session only; the password again)",
      description:
        "Sessions, tokens, passkeys, second factors and connected accounts go with it; audit rows stay without the link to the person. The last active superuser cannot delete themselves (403), nor can a token or basic credentials (403).",
      permission: "authenticated",
      schemes: ["session"],
      body: passwordConfirmSchema,
      success: { status: 204, description: "Deleted; the session cookie is cleared" },
      failures: [400, 403, 429],
    },
    patch: {
      summary: "Edit the profile",
      description:
        "A new e-mail address needs the current password, starts unverified and is mailed a verification link; the old address is told.",
      permission: "authenticated",
      body: profileSchema,
      success: { status: 200, description: "The user", schema: userShape },
      failures: [400, 429],
    },
  },
  "/api/me/permissions": {
    get: {
      summary: "What this request may do, and the user's groups",
      description:
        "A superuser holds every permission of the catalogue, an inactive user none; a token with a scope, the intersection of its scope and its user's current permissions.",
      permission: "authenticated",
      success: { status: 200, description: "Codenames and group names, sorted", schema: myPermissionsShape },
    },
  },
  "/api/permissions": {
    get: {
      summary: "The catalogue of permissions",
      description: "The product's own (auth.*) and the application's, sorted by codename.",
      permission: "authenticated",
      success: { status: 200, description: "Permissions", schema: z.array(permissionShape) },
    },
  },
  "/api/groups": {
    get: {
      summary: "The groups and their permissions",
      permission: hasPermissions("auth.view_group"),
      success: { status: 200, description: "Groups, sorted by name", schema: z.array(groupShape) },
      failures: [403],
    },
    post: {
      summary: "Create a group",
      description: "Only with permissions the caller holds (a superuser: any).",
      permission: hasPermissions("auth.add_group"),
      body: groupSchema,
      success: { status: 201, description: "The group", schema: groupShape },
      failures: [400, 403],
    },
  },
  "/api/groups/{id}": {
    get: {
      summary: "A group",
      permission: hasPermissions("auth.view_group"),
      success: { status: 200, description: "The group", schema: groupShape },
      failures: [403, 404],
    },
    patch: {
      summary: "Rename a group or set its permissions",
      description:
        "Its members have the new permissions at their next request, on every instance. Only permissions the caller holds may be added (a superuser: any).",
      permission: hasPermissions("auth.change_group"),
      body: groupUpdateSchema,
      success: { status: 200, description: "The group", schema: groupShape },
      failures: [400, 403, 404],
    },
    delete: {
      summary: "Delete a group",
      description: "Its members lose its permissions at their next request.",
      permission: hasPermissions("auth.delete_group"),
      success: { status: 204, description: "Deleted" },
      failures: [403, 404],
    },
  },
  "/api/email/verify": {
    post: {
      summary: "Confirm an e-mail address with the token of a mailed link",
      description: "Links expire, work once, and die when the address changes.",
      permission: "anyone",
      body: emailVerifySchema,
      success: said(messages.emailVerified),
      failures: [400],
    },
  },
  "/api/email/verify/resend": {
    post: {
      summary: "Mail a new verification link to the user's address",
      description: "Throttled like password reset requests.",
      permission: "authenticated",
      success: said(messages.verificationSent),
      failures: [409, 429],
    },
  },
  "/api/me/export": {
    get: {
      summary: "Everything kept about the user, as one JSON document",
      description:
        "Profile, sessions, tokens and passkeys (metadata, no secrets), second factors, connected accounts, audit events. Sent as a download (Content-Disposition: attachment).",
      permission: "authenticated",
      success: {
        status: 200,
        description: "The document",
        schema: personalDataShape,
        // A download in the browser ("Download my data" on /account is a plain link to here).
        headers: { "Content-Disposition": 'attachment; filename="vestibule-my-data.json"' },
      },
    },
  },
  "/api/password/change": {
    post: {
      summary: "Change the password",
      description: "Every other session and every token of the user stop working.",
      permission: "authenticated",
      body: passwordChangeSchema,
      bodyFor: (identity: AuthenticatedIdentity) => passwordChangeSchemaFor(identity.user),
      success: said(messages.passwordChanged),
      failures: [400],
    },
  },
  "/api/sessions": {
    get: {
      summary: "The user's active sessions",
      permission: "authenticated",
      success: { status: 200, description: "Sessions", schema: z.array(sessionShape) },
    },
  },
  "/api/sessions/{id}": {
    delete: {
      summary: "End one of the user's sessions",
      permission: "authenticated",
      success: { status: 204, description: "Ended" },
      failures: [404],
    },
  },
  "/api/tokens": {
    get: {
      summary: "The user's API tokens (no keys)",
      permission: "authenticated",
      success: { status: 200, description: "Tokens", schema: z.array(tokenShape) },
    },
    post: {
      summary: "Create an API token",
      description:
        "Not with a token: a token cannot mint a token. permissions scopes it to codenames the caller holds; it then acts with the intersection of its scope and its user's current permissions.",
      permission: "authenticated",
      schemes: ["session", "basic"],
      body: tokenCreateSchema,
      success: { status: 201, description: "The token, with its key shown this once", schema: newTokenShape },
      failures: [400, 403],
    },
  },
  "/api/tokens/{id}": {
    delete: {
      summary: "Revoke one of the user's tokens",
      permission: "authenticated",
      success: { status: 204, description: "Revoked" },
      failures: [404],
    },
  },
  "/api/events": {
    get: {
      summary: "The user's recent authentication events, newest first",
      permission: "authenticated",
      success: { status: 200, description: "Events", schema: z.array(eventShape) },
    },
  },
  "/api/password/reset": {
    post: {
      summary: "Mail a password reset link",
      description: "The same answer whether or not the address is known.",
      permission: "anyone",
      body: passwordResetSchema,
      success: said(messages.resetSent),
      failures: [400, 429],
    },
  },
  "/api/password/reset/confirm": {
    post: {
      summary: "Set a new password from a reset link",
      description: "Every session and token of the user ends.",
      permission: "anyone",
      body: resetConfirmSchema,
      success: said(messages.resetDone),
      failures: [400],
    },
  },
  "/api/providers": {
    get: {
      summary: "The other providers this server signs in with",
      description:
        'What the login page offers as "Continue with <name>"; empty unless configured. A provider\'s redirect (callback) URL is <APP_URL>/api/auth/callback/<id>.',
      permission: "anyone",
      success: { status: 200, description: "Providers", schema: z.array(providerShape) },
    },
  },
  "/api/connections": {
    get: {
      summary: "The provider accounts connected to the user",
      description:
        "Connected on /account (a provider sign-in while signed in); a provider identity is never joined to an account by a matching e-mail address.",
      permission: "authenticated",
      success: { status: 200, description: "Connections", schema: z.array(connectionShape) },
    },
  },
  "/api/connections/{id}": {
    delete: {
      summary: "Disconnect a provider account",
      description:
        "Refused (409) when it is the account's last way to sign in: no usable password, no passkey and no other connection.",
      permission: "authenticated",
      success: { status: 204, description: "Disconnected" },
      failures: [404, 409],
    },
  },
  "/api/openapi.json": {
    get: {
      summary: "This document",
      permission: "anyone",
      public: true,
      // Its descriptions are the messages' English (messages/en.json), whatever the request's language.
      success: { status: 200, description: "OpenAPI 3.1", schema: openApiShape, headers: { "Content-Language": "en" } },
    },
  },
  "/api/admin/users": {
    get: {
      summary: "Find users (staff)",
      permission: "staff",
      query: {
        search: { type: "string", description: "Part of a username or e-mail address" },
        page: { type: "integer", description: "Page number, from 1" },
      },
      success: { status: 200, description: "A page of users", schema: userPageShape },
      failures: [403, 404],
      notFound: messages.invalidPage,
    },
  },
  "/api/admin/users/{id}": {
    get: {
      summary: "A user with their groups, permissions, sessions and tokens (staff)",
      permission: "staff",
      success: { status: 200, description: "The user", schema: userDetailShape },
      failures: [403, 404],
    },
    patch: {
      summary:
        "Activate, deactivate, grant or revoke staff, turn a second factor off, set groups and permissions (staff)",
      description:
        "Deactivation ends the user's sessions and tokens; mfa=false turns the user's authenticator app and recovery codes off. groups and user_permissions replace the user's: nobody but a superuser changes their own, grants a permission they do not hold, or adds a group holding one (403).",
      permission: "staff",
      body: staffUserUpdateSchema,
      success: { status: 200, description: "The user", schema: grantedUserShape },
      failures: [400, 403, 404],
    },
  },
} satisfies Record<string, Partial<Record<DeclaredMethod, RouteDeclaration>>>;
