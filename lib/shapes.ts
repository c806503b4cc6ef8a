import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locale";

// The contract's response objects (docs/API.md), once, as zod schemas: the serializers are typed
// from them (z.input), the route declarations name them as their success's schema, and
// lib/openapi.ts turns this registry into the document's components. No runtime parse: the
// types hold the serializers to the shapes.

export const shapes = z.registry<{ id: string; description?: string }>();

const isoDate = z.string().meta({ format: "date-time" });
function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  shapes.add(schema, description ? { id, description } : { id });
  return schema;
}

export const userShape = named(
  "User",
  z.object({
    id: z.string(),
    username: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    email_verified: z.boolean().meta({ description: "False until the owner opens the link mailed to the address." }),
    is_staff: z.boolean(),
    date_joined: isoDate,
    last_login: isoDate.nullable(),
  }),
);

export const managedUserShape = named("ManagedUser", userShape.extend({ is_active: z.boolean() }));

const codenames = z.array(z.string());

export const grantedUserShape = named(
  "GrantedUser",
  managedUserShape.extend({
    groups: z.array(z.string()).meta({ description: "The names of the user's groups, sorted" }),
    user_permissions: codenames.meta({ description: "The user's direct permissions, sorted" }),
  }),
);

export const permissionShape = named(
  "Permission",
  z.object({ codename: z.string().meta({ description: '"<app>.<action>_<model>"' }), name: z.string() }),
);

export const myPermissionsShape = named(
  "MyPermissions",
  z.object({
    permissions: codenames.meta({
      description: "What this request may do, sorted (a superuser: the whole catalogue; a scoped token: its scope)",
    }),
    groups: z.array(z.string()),
  }),
);

export const groupShape = named(
  "Group",
  z.object({ id: z.string(), name: z.string(), permissions: codenames.meta({ description: "Codenames, sorted" }) }),
);

export const detailShape = named("Detail", z.object({ detail: z.string() }));

export const fieldErrorsShape = named(
  "FieldErrors",
  z.record(z.string(), z.array(z.string())),
  "DRF's validation errors: one list of messages per field; errors of no one field under non_field_errors.",
);

export const authShape = named(
  "Auth",
  z.union([
    z.object({ scheme: z.literal("session"), sessionId: z.string() }),
    z.object({ scheme: z.literal("token"), tokenId: z.string(), name: z.string() }),
    z.object({ scheme: z.literal("basic") }),
  ]),
);

export const sessionStateShape = named(
  "SessionState",
  z.object({ is_authenticated: z.boolean(), user: userShape.nullable(), auth: authShape.nullable() }),
);

export const sessionShape = named(
  "Session",
  z.object({ id: z.string(), created: isoDate, last_used: isoDate, user_agent: z.string(), current: z.boolean() }),
);

const tokenScope = codenames.nullable().meta({
  description: "The token's scope: it may do only these (and what its user still may); null: everything its user may",
});

export const tokenShape = named(
  "Token",
  z.object({
    id: z.string(),
    name: z.string(),
    created: isoDate,
    last_used: isoDate.nullable(),
    permissions: tokenScope,
  }),
);

export const newTokenShape = named(
  "NewToken",
  z.object({
    id: z.string(),
    name: z.string(),
    key: z.string().meta({ description: "Shown this once." }),
    created: isoDate,
    permissions: tokenScope,
  }),
);

export const eventShape = named(
  "Event",
  z.object({ event: z.string(), created: isoDate, ip: z.string(), user_agent: z.string() }),
);

export const userDetailShape = named(
  "UserDetail",
  grantedUserShape.extend({ sessions: z.array(sessionShape), tokens: z.array(tokenShape) }),
);

export const secondFactorNeededShape = named(
  "MfaRequired",
  z.object({
    mfa_required: z.literal(true),
    ticket: z.string(),
    methods: z.array(z.enum(["totp", "recovery_code", "passkey"])),
  }),
  "The password was right; finish with POST /api/login/mfa within 5 minutes. No session cookie yet.",
);

export const loginAnswerShape = named(
  "LoginAnswer",
  z.union([userShape, secondFactorNeededShape]),
  "The user, the session cookie set; or, for a user with a second factor, a ticket and no cookie.",
);

export const passkeyShape = named(
  "Passkey",
  z.object({ id: z.string(), name: z.string(), created: isoDate, last_used: isoDate.nullable() }),
);

export const connectionShape = named(
  "Connection",
  z.object({ id: z.string(), provider: z.string().meta({ description: "oidc, github or google" }), created: isoDate }),
);

export const providerShape = named(
  "Provider",
  z.object({ id: z.enum(["oidc", "github", "google"]), name: z.string() }),
);

export const personalDataShape = named(
  "PersonalData",
  z.object({
    exported_at: isoDate,
    user: grantedUserShape.extend({
      is_superuser: z.boolean(),
      email_verified_at: isoDate.nullable(),
      language: z
        .string()
        .nullable()
        .meta({
          description: "The language the person chose (pages and mails); null until they choose.",
          enum: [...LOCALES, null],
        }),
    }),
    sessions: z.array(sessionShape),
    tokens: z.array(tokenShape),
    passkeys: z.array(passkeyShape),
    second_factor: z.object({ totp: z.boolean(), recovery_codes_left: z.number().int() }),
    connections: z.array(connectionShape),
    events: z.array(eventShape).meta({ description: "Every audit event kept, newest first." }),
  }),
);

export const mfaStatusShape = named(
  "MfaStatus",
  z.object({ totp: z.boolean(), recovery_codes_left: z.number().int(), passkeys: z.number().int() }),
);

export const totpSetupShape = named(
  "TotpSetup",
  z.object({ secret: z.string().meta({ description: "Base32, for typing into the app" }), otpauth_uri: z.string() }),
);

export const recoveryCodesShape = named(
  "RecoveryCodes",
  z.object({ recovery_codes: z.array(z.string()).meta({ description: "Shown this once." }) }),
);

export const webAuthnOptionsShape = named(
  "WebAuthnOptions",
  // Typed by the one field every option set has; the rest is @simplewebauthn/server's.
  z.object({ challenge: z.string() }).meta({ additionalProperties: true }),
  "WebAuthn options as JSON, for @simplewebauthn/browser's startRegistration / startAuthentication.",
);

export const userPageShape = named(
  "UserPage",
  z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(managedUserShape),
  }),
);

export const openApiShape = named("OpenApiDocument", z.looseObject({}), "OpenAPI 3.1");

export type UserBody = z.input<typeof userShape>;
export type ManagedUserBody = z.input<typeof managedUserShape>;
