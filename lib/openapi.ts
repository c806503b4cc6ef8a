import { z } from "zod";
import { messages } from "@/lib/messages";
import {
  emailVerifySchema,
  loginSchema,
  logoutSchema,
  mfaCodeSchema,
  mfaLoginSchema,
  passkeyCreateSchema,
  passkeyLoginSchema,
  passwordConfirmSchema,
  ticketSchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  passwordResetSchema,
  profileSchema,
  registerSchema,
  staffUserUpdateSchema,
  tokenCreateSchema,
} from "@/lib/validation";

// The OpenAPI 3.1 document of the JSON API, generated from the same zod schemas the handlers
// validate with (zod 4's JSON Schema output), so the document cannot drift from the code.

type Access = "anyone" | "user" | "staff" | "session-or-basic" | "session";
type Operation = {
  summary: string;
  description?: string;
  access: Access;
  body?: z.ZodType;
  query?: Record<string, { type: "string" | "integer"; description: string }>;
  success: { status: number; description: string; schema?: object };
  failures?: number[];
  /** The 404's message when it is not "Not found.". */
  notFound?: string;
};

function jsonSchema(schema: z.ZodType): object {
  const converted = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  // The document declares its dialect once; a $schema per body would be noise.
  delete converted.$schema;
  return converted;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const isoDate = { type: "string", format: "date-time" };

const USER = {
  type: "object",
  required: ["id", "username", "first_name", "last_name", "email", "email_verified", "is_staff", "date_joined", "last_login"],
  properties: {
    id: { type: "string" },
    username: { type: "string" },
    first_name: { type: "string" },
    last_name: { type: "string" },
    email: { type: "string" },
    email_verified: { type: "boolean", description: "False until the owner opens the link mailed to the address." },
    is_staff: { type: "boolean" },
    date_joined: isoDate,
    last_login: { oneOf: [isoDate, { type: "null" }] },
  },
};

const SCHEMAS = {
  User: USER,
  ManagedUser: { allOf: [ref("User"), { type: "object", required: ["is_active"], properties: { is_active: { type: "boolean" } } }] },
  Detail: { type: "object", required: ["detail"], properties: { detail: { type: "string" } } },
  FieldErrors: {
    type: "object",
    description: "DRF's validation errors: one list of messages per field; errors of no one field under non_field_errors.",
    additionalProperties: { type: "array", items: { type: "string" } },
  },
  Auth: {
    oneOf: [
      { type: "object", required: ["scheme", "sessionId"], properties: { scheme: { const: "session" }, sessionId: { type: "string" } } },
      { type: "object", required: ["scheme", "tokenId", "name"], properties: { scheme: { const: "token" }, tokenId: { type: "string" }, name: { type: "string" } } },
      { type: "object", required: ["scheme"], properties: { scheme: { const: "basic" } } },
    ],
  },
  SessionState: {
    type: "object",
    required: ["is_authenticated", "user", "auth"],
    properties: { is_authenticated: { type: "boolean" }, user: { oneOf: [ref("User"), { type: "null" }] }, auth: { oneOf: [ref("Auth"), { type: "null" }] } },
  },
  Session: {
    type: "object",
    properties: { id: { type: "string" }, created: isoDate, last_used: isoDate, user_agent: { type: "string" }, current: { type: "boolean" } },
  },
  Token: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, created: isoDate, last_used: { oneOf: [isoDate, { type: "null" }] } } },
  NewToken: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, key: { type: "string", description: "Shown this once." }, created: isoDate } },
  Event: { type: "object", properties: { event: { type: "string" }, created: isoDate, ip: { type: "string" }, user_agent: { type: "string" } } },
  UserDetail: {
    allOf: [ref("ManagedUser"), { type: "object", properties: { sessions: { type: "array", items: ref("Session") }, tokens: { type: "array", items: ref("Token") } } }],
  },
  MfaRequired: {
    type: "object",
    required: ["mfa_required", "ticket", "methods"],
    description: "The password was right; finish with POST /api/login/mfa within 5 minutes. No session cookie yet.",
    properties: { mfa_required: { const: true }, ticket: { type: "string" }, methods: { type: "array", items: { enum: ["totp", "recovery_code", "passkey"] } } },
  },
  PersonalData: {
    type: "object",
    required: ["exported_at", "user", "sessions", "tokens", "passkeys", "second_factor", "connections", "events"],
    properties: {
      exported_at: isoDate,
      user: { allOf: [ref("ManagedUser"), { type: "object", properties: { is_superuser: { type: "boolean" }, email_verified_at: { oneOf: [isoDate, { type: "null" }] } } }] },
      sessions: { type: "array", items: ref("Session") },
      tokens: { type: "array", items: ref("Token") },
      passkeys: { type: "array", items: ref("Passkey") },
      second_factor: { type: "object", properties: { totp: { type: "boolean" }, recovery_codes_left: { type: "integer" } } },
      connections: { type: "array", items: { type: "object", properties: { id: { type: "string" }, provider: { type: "string" } } } },
      events: { type: "array", items: ref("Event"), description: "Every audit event kept, newest first." },
    },
  },
  MfaStatus: { type: "object", properties: { totp: { type: "boolean" }, recovery_codes_left: { type: "integer" }, passkeys: { type: "integer" } } },
  TotpSetup: { type: "object", properties: { secret: { type: "string", description: "Base32, for typing into the app" }, otpauth_uri: { type: "string" } } },
  RecoveryCodes: { type: "object", properties: { recovery_codes: { type: "array", items: { type: "string" }, description: "Shown this once." } } },
  Passkey: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, created: isoDate, last_used: { oneOf: [isoDate, { type: "null" }] } } },
  WebAuthnOptions: { type: "object", description: "WebAuthn options as JSON, for @simplewebauthn/browser's startRegistration / startAuthentication." },
  UserPage: {
    type: "object",
    properties: { count: { type: "integer" }, next: { type: ["string", "null"] }, previous: { type: ["string", "null"] }, results: { type: "array", items: ref("ManagedUser") } },
  },
};

const FAILURES: Record<number, { description: string; schema: object }> = {
  400: { description: "Validation errors, malformed JSON or a body that is not an object", schema: ref("FieldErrors") },
  401: { description: `Not authenticated ("${messages.notAuthenticated}") or a bad credential`, schema: ref("Detail") },
  403: { description: `"${messages.permissionDenied}", or the CSRF Origin check failed`, schema: ref("Detail") },
  404: { description: messages.notFound, schema: ref("Detail") },
  405: { description: "Method not allowed; the Allow header lists the methods", schema: ref("Detail") },
  409: { description: "Not possible in the current state (two-factor authentication already on, or off; no address to verify, or already verified)", schema: ref("Detail") },
  413: { description: "Body over 64 KiB", schema: ref("Detail") },
  415: { description: "Unsupported media type", schema: ref("Detail") },
  429: { description: "Throttled; Retry-After says when to try again", schema: ref("Detail") },
  500: { description: messages.serverError, schema: ref("Detail") },
  503: { description: messages.unavailable, schema: ref("Detail") },
};

const detail = (description: string) => ({ status: 200, description, schema: ref("Detail") });
const list = (name: string) => ({ type: "array", items: ref(name) });

export const OPERATIONS: Record<string, Record<string, Operation>> = {
  "/api/register": { post: { summary: "Create an account and log in", access: "anyone", body: registerSchema, success: { status: 201, description: "The new user; the session cookie is set", schema: ref("User") }, failures: [400, 403, 429] } },
  "/api/login": { post: { summary: "Log in with a username and password", description: "Issues a new session id (no fixation).", access: "anyone", body: loginSchema, success: { status: 200, description: "The user, the session cookie set; or, for a user with a second factor, a ticket and no cookie", schema: { oneOf: [ref("User"), ref("MfaRequired")] } }, failures: [400, 403, 429] } },
  "/api/login/mfa": { post: { summary: "Finish a login with a TOTP code, a recovery code or a passkey", description: "Wrong codes count against the username's login throttle; a ticket dies after 5 of them.", access: "anyone", body: mfaLoginSchema, success: { status: 200, description: "The user; the session cookie is set", schema: ref("User") }, failures: [400, 403, 429] } },
  "/api/login/mfa/passkey-options": { post: { summary: "WebAuthn request options for the ticket's user", access: "anyone", body: ticketSchema, success: { status: 200, description: "Options; the challenge is kept with the ticket", schema: ref("WebAuthnOptions") }, failures: [400] } },
  "/api/login/passkey/options": { post: { summary: "WebAuthn request options for signing in with a passkey", access: "anyone", success: { status: 200, description: "Options for a discoverable credential, user verification required", schema: ref("WebAuthnOptions") } } },
  "/api/login/passkey": { post: { summary: "Sign in with a passkey", description: "No second factor follows.", access: "anyone", body: passkeyLoginSchema, success: { status: 200, description: "The user; the session cookie is set", schema: ref("User") }, failures: [400, 403] } },
  "/api/mfa": { get: { summary: "The user's second factors", access: "user", success: { status: 200, description: "What is on", schema: ref("MfaStatus") } } },
  "/api/mfa/totp": {
    post: { summary: "Start setting up an authenticator app", description: "A pending secret; asking again replaces it.", access: "user", body: passwordConfirmSchema, success: { status: 200, description: "The secret", schema: ref("TotpSetup") }, failures: [400, 409, 429] },
    delete: { summary: "Turn the authenticator app and recovery codes off", access: "user", body: passwordConfirmSchema, success: { status: 204, description: "Off" }, failures: [400, 429] },
  },
  "/api/mfa/totp/confirm": { post: { summary: "Turn the authenticator app on with a first code", access: "user", body: mfaCodeSchema, success: { status: 200, description: "The recovery codes", schema: ref("RecoveryCodes") }, failures: [400] } },
  "/api/mfa/recovery-codes": { post: { summary: "New recovery codes (the old set stops working)", access: "user", body: passwordConfirmSchema, success: { status: 200, description: "The recovery codes", schema: ref("RecoveryCodes") }, failures: [400, 409, 429] } },
  "/api/passkeys/options": { post: { summary: "WebAuthn creation options for a new passkey", description: "The challenge lives 5 minutes.", access: "user", body: passwordConfirmSchema, success: { status: 200, description: "Options", schema: ref("WebAuthnOptions") }, failures: [400, 429] } },
  "/api/passkeys": {
    get: { summary: "The user's passkeys", access: "user", success: { status: 200, description: "Passkeys", schema: list("Passkey") } },
    post: { summary: "Add a passkey", access: "user", body: passkeyCreateSchema, success: { status: 201, description: "The passkey", schema: ref("Passkey") }, failures: [400] },
  },
  "/api/passkeys/{id}": { delete: { summary: "Remove one of the user's passkeys", access: "user", body: passwordConfirmSchema, success: { status: 204, description: "Removed" }, failures: [400, 404, 429] } },
  "/api/logout": { post: { summary: "Log out (this session, or every session with all=true)", access: "anyone", body: logoutSchema, success: detail(messages.loggedOut), failures: [400, 403] } },
  "/api/session": { get: { summary: "Who is this request?", access: "anyone", success: { status: 200, description: "The identity", schema: ref("SessionState") } } },
  "/api/me": {
    get: { summary: "The current user", access: "user", success: { status: 200, description: "The user", schema: ref("User") } },
    delete: { summary: "Delete the account (session only; the password again)", description: "Sessions, tokens, passkeys, second factors and connected accounts go with it; audit rows stay without the link to the person. The last active superuser cannot delete themselves (403), nor can a token or basic credentials (403).", access: "session", body: passwordConfirmSchema, success: { status: 204, description: "Deleted; the session cookie is cleared" }, failures: [400, 403, 429] },
    patch: { summary: "Edit the profile", description: "A new e-mail address needs the current password, starts unverified and is mailed a verification link; the old address is told.", access: "user", body: profileSchema, success: { status: 200, description: "The user", schema: ref("User") }, failures: [400, 429] },
  },
  "/api/email/verify": { post: { summary: "Confirm an e-mail address with the token of a mailed link", description: "Links expire, work once, and die when the address changes.", access: "anyone", body: emailVerifySchema, success: detail(messages.emailVerified), failures: [400] } },
  "/api/email/verify/resend": { post: { summary: "Mail a new verification link to the user's address", description: "Throttled like password reset requests.", access: "user", success: detail(messages.verificationSent), failures: [409, 429] } },
  "/api/me/export": { get: { summary: "Everything kept about the user, as one JSON document", description: "Profile, sessions, tokens and passkeys (metadata, no secrets), second factors, connected accounts, audit events. Sent as a download (Content-Disposition: attachment).", access: "user", success: { status: 200, description: "The document", schema: ref("PersonalData") } } },
  "/api/password/change": { post: { summary: "Change the password", description: "Every other session and every token of the user stop working.", access: "user", body: passwordChangeSchema, success: detail(messages.passwordChanged), failures: [400] } },
  "/api/sessions": { get: { summary: "The user's active sessions", access: "user", success: { status: 200, description: "Sessions", schema: list("Session") } } },
  "/api/sessions/{id}": { delete: { summary: "End one of the user's sessions", access: "user", success: { status: 204, description: "Ended" }, failures: [404] } },
  "/api/tokens": {
    get: { summary: "The user's API tokens (no keys)", access: "user", success: { status: 200, description: "Tokens", schema: list("Token") } },
    post: { summary: "Create an API token", description: "Not with a token: a token cannot mint a token.", access: "session-or-basic", body: tokenCreateSchema, success: { status: 201, description: "The token, with its key shown this once", schema: ref("NewToken") }, failures: [400, 403] },
  },
  "/api/tokens/{id}": { delete: { summary: "Revoke one of the user's tokens", access: "user", success: { status: 204, description: "Revoked" }, failures: [404] } },
  "/api/events": { get: { summary: "The user's recent authentication events, newest first", access: "user", success: { status: 200, description: "Events", schema: list("Event") } } },
  "/api/password/reset": { post: { summary: "Mail a password reset link", description: "The same answer whether or not the address is known.", access: "anyone", body: passwordResetSchema, success: detail(messages.resetSent), failures: [400, 429] } },
  "/api/password/reset/confirm": { post: { summary: "Set a new password from a reset link", description: "Every session and token of the user ends.", access: "anyone", body: passwordResetConfirmSchema, success: detail(messages.resetDone), failures: [400] } },
  "/api/openapi.json": { get: { summary: "This document", access: "anyone", success: { status: 200, description: "OpenAPI 3.1", schema: { type: "object" } } } },
  "/api/admin/users": {
    get: {
      summary: "Find users (staff)",
      access: "staff",
      query: { search: { type: "string", description: "Part of a username or e-mail address" }, page: { type: "integer", description: "Page number, from 1" } },
      success: { status: 200, description: "A page of users", schema: ref("UserPage") },
      failures: [403, 404],
      notFound: messages.invalidPage,
    },
  },
  "/api/admin/users/{id}": {
    get: { summary: "A user with their sessions and tokens (staff)", access: "staff", success: { status: 200, description: "The user", schema: ref("UserDetail") }, failures: [403, 404] },
    patch: { summary: "Activate, deactivate, grant or revoke staff, turn a second factor off (staff)", description: "Deactivation ends the user's sessions and tokens; mfa=false turns the user's authenticator app and recovery codes off.", access: "staff", body: staffUserUpdateSchema, success: { status: 200, description: "The user", schema: ref("ManagedUser") }, failures: [400, 403, 404] },
  },
};

const SECURITY: Record<Access, Array<Record<string, string[]>>> = {
  anyone: [{}, { session: [] }, { token: [] }, { bearer: [] }, { basic: [] }],
  user: [{ session: [] }, { token: [] }, { bearer: [] }, { basic: [] }],
  staff: [{ session: [] }, { token: [] }, { bearer: [] }, { basic: [] }],
  "session-or-basic": [{ session: [] }, { basic: [] }],
  session: [{ session: [] }],
};

function response(description: string, schema?: object) {
  return schema ? { description, content: { "application/json": { schema } } } : { description };
}

function operation(path: string, method: string, op: Operation) {
  const failures = new Set([...(op.failures ?? []), ...(op.access === "anyone" ? [] : [401]), 405, 500, 503]);
  if (op.body) [413, 415, 400].forEach((status) => failures.add(status));
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } })),
    ...Object.entries(op.query ?? {}).map(([name, spec]) => ({ name, in: "query", required: false, description: spec.description, schema: { type: spec.type } })),
  ];
  const body = op.body && {
    required: false,
    content: { "application/json": { schema: jsonSchema(op.body) }, "application/x-www-form-urlencoded": { schema: jsonSchema(op.body) } },
  };
  return {
    operationId: `${method}${path.replace(/\/api|[{}]/g, "").replace(/[/_.](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: SECURITY[op.access],
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      [op.success.status]: response(op.success.description, op.success.schema),
      ...Object.fromEntries([...failures].sort().map((status) => [status, response(status === 404 && op.notFound ? op.notFound : FAILURES[status].description, FAILURES[status].schema)])),
    },
    // Who may call it, beyond the security schemes (which only say how to authenticate).
    "x-permission": op.access === "anyone" ? "AllowAny" : op.access === "staff" ? "IsAdminUser" : "IsAuthenticated",
  };
}

export function openApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(path, method, op)]))]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Vestibule",
      version: "1.0.0",
      description: "Django REST Framework's authentication model: session, token and basic schemes, tried in that order.",
    },
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "vestibule.session", description: "Set by login/register. Unsafe requests from another Origin are refused (CSRF)." },
        token: { type: "apiKey", in: "header", name: "Authorization", description: "Authorization: Token <key>" },
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <key> (the same API tokens)" },
        basic: { type: "http", scheme: "basic", description: "Counts as a login attempt: failures are throttled." },
      },
    },
  };
}
