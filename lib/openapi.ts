import { z } from "zod";
import { ref, ROUTES, type Permission, type RouteDeclaration } from "@/lib/api/routes";
import { LOCALES } from "@/lib/i18n/locale";
import { messages } from "@/lib/messages";

// The OpenAPI 3.1 document of the JSON API, generated from the routes' declarations
// (lib/api/routes.ts: the same registry endpoint() serves, and the zod schemas the handlers
// validate with, through zod 4's JSON Schema output), so the document cannot drift from the code.

function jsonSchema(schema: z.ZodType): object {
  const converted = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  // The document declares its dialect once; a $schema per body would be noise.
  delete converted.$schema;
  return converted;
}

const isoDate = { type: "string", format: "date-time" };

const USER = {
  type: "object",
  required: [
    "id",
    "username",
    "first_name",
    "last_name",
    "email",
    "email_verified",
    "is_staff",
    "date_joined",
    "last_login",
  ],
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
  ManagedUser: {
    allOf: [ref("User"), { type: "object", required: ["is_active"], properties: { is_active: { type: "boolean" } } }],
  },
  Detail: { type: "object", required: ["detail"], properties: { detail: { type: "string" } } },
  FieldErrors: {
    type: "object",
    description:
      "DRF's validation errors: one list of messages per field; errors of no one field under non_field_errors.",
    additionalProperties: { type: "array", items: { type: "string" } },
  },
  Auth: {
    oneOf: [
      {
        type: "object",
        required: ["scheme", "sessionId"],
        properties: { scheme: { const: "session" }, sessionId: { type: "string" } },
      },
      {
        type: "object",
        required: ["scheme", "tokenId", "name"],
        properties: { scheme: { const: "token" }, tokenId: { type: "string" }, name: { type: "string" } },
      },
      { type: "object", required: ["scheme"], properties: { scheme: { const: "basic" } } },
    ],
  },
  SessionState: {
    type: "object",
    required: ["is_authenticated", "user", "auth"],
    properties: {
      is_authenticated: { type: "boolean" },
      user: { oneOf: [ref("User"), { type: "null" }] },
      auth: { oneOf: [ref("Auth"), { type: "null" }] },
    },
  },
  Session: {
    type: "object",
    properties: {
      id: { type: "string" },
      created: isoDate,
      last_used: isoDate,
      user_agent: { type: "string" },
      current: { type: "boolean" },
    },
  },
  Token: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      created: isoDate,
      last_used: { oneOf: [isoDate, { type: "null" }] },
    },
  },
  NewToken: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      key: { type: "string", description: "Shown this once." },
      created: isoDate,
    },
  },
  Event: {
    type: "object",
    properties: { event: { type: "string" }, created: isoDate, ip: { type: "string" }, user_agent: { type: "string" } },
  },
  UserDetail: {
    allOf: [
      ref("ManagedUser"),
      {
        type: "object",
        properties: {
          sessions: { type: "array", items: ref("Session") },
          tokens: { type: "array", items: ref("Token") },
        },
      },
    ],
  },
  MfaRequired: {
    type: "object",
    required: ["mfa_required", "ticket", "methods"],
    description: "The password was right; finish with POST /api/login/mfa within 5 minutes. No session cookie yet.",
    properties: {
      mfa_required: { const: true },
      ticket: { type: "string" },
      methods: { type: "array", items: { enum: ["totp", "recovery_code", "passkey"] } },
    },
  },
  PersonalData: {
    type: "object",
    required: ["exported_at", "user", "sessions", "tokens", "passkeys", "second_factor", "connections", "events"],
    properties: {
      exported_at: isoDate,
      user: {
        allOf: [
          ref("ManagedUser"),
          {
            type: "object",
            properties: {
              is_superuser: { type: "boolean" },
              email_verified_at: { oneOf: [isoDate, { type: "null" }] },
              language: {
                oneOf: [{ type: "string", enum: [...LOCALES] }, { type: "null" }],
                description: "The language the person chose (pages and mails); null until they choose.",
              },
            },
          },
        ],
      },
      sessions: { type: "array", items: ref("Session") },
      tokens: { type: "array", items: ref("Token") },
      passkeys: { type: "array", items: ref("Passkey") },
      second_factor: {
        type: "object",
        properties: { totp: { type: "boolean" }, recovery_codes_left: { type: "integer" } },
      },
      connections: { type: "array", items: ref("Connection") },
      events: { type: "array", items: ref("Event"), description: "Every audit event kept, newest first." },
    },
  },
  Connection: {
    type: "object",
    required: ["id", "provider", "created"],
    properties: {
      id: { type: "string" },
      provider: { type: "string", description: "oidc, github or google" },
      created: isoDate,
    },
  },
  Provider: {
    type: "object",
    required: ["id", "name"],
    properties: { id: { enum: ["oidc", "github", "google"] }, name: { type: "string" } },
  },
  MfaStatus: {
    type: "object",
    properties: { totp: { type: "boolean" }, recovery_codes_left: { type: "integer" }, passkeys: { type: "integer" } },
  },
  TotpSetup: {
    type: "object",
    properties: {
      secret: { type: "string", description: "Base32, for typing into the app" },
      otpauth_uri: { type: "string" },
    },
  },
  RecoveryCodes: {
    type: "object",
    properties: { recovery_codes: { type: "array", items: { type: "string" }, description: "Shown this once." } },
  },
  Passkey: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      created: isoDate,
      last_used: { oneOf: [isoDate, { type: "null" }] },
    },
  },
  WebAuthnOptions: {
    type: "object",
    description: "WebAuthn options as JSON, for @simplewebauthn/browser's startRegistration / startAuthentication.",
  },
  UserPage: {
    type: "object",
    properties: {
      count: { type: "integer" },
      next: { type: ["string", "null"] },
      previous: { type: ["string", "null"] },
      results: { type: "array", items: ref("ManagedUser") },
    },
  },
};

const FAILURES: Record<number, { description: string; schema: object }> = {
  400: { description: "Validation errors, malformed JSON or a body that is not an object", schema: ref("FieldErrors") },
  401: { description: `Not authenticated ("${messages.notAuthenticated}") or a bad credential`, schema: ref("Detail") },
  403: { description: `"${messages.permissionDenied}", or the CSRF Origin check failed`, schema: ref("Detail") },
  404: { description: messages.notFound, schema: ref("Detail") },
  405: { description: "Method not allowed; the Allow header lists the methods", schema: ref("Detail") },
  409: {
    description:
      "Not possible in the current state (two-factor authentication already on, or off; no address to verify, or already verified; the account's last way to sign in)",
    schema: ref("Detail"),
  },
  413: { description: "Body over 64 KiB", schema: ref("Detail") },
  415: { description: "Unsupported media type", schema: ref("Detail") },
  429: { description: "Throttled; Retry-After says when to try again", schema: ref("Detail") },
  500: { description: messages.serverError, schema: ref("Detail") },
  503: { description: messages.unavailable, schema: ref("Detail") },
};

const SECURITY: Record<Permission, Array<Record<string, string[]>>> = {
  anyone: [{}, { session: [] }, { token: [] }, { bearer: [] }, { basic: [] }],
  authenticated: [{ session: [] }, { token: [] }, { bearer: [] }, { basic: [] }],
  staff: [{ session: [] }, { token: [] }, { bearer: [] }, { basic: [] }],
};
const PERMISSION_CLASS: Record<Permission, string> = {
  anyone: "AllowAny",
  authenticated: "IsAuthenticated",
  staff: "IsAdminUser",
};

function response(description: string, schema?: object) {
  return schema ? { description, content: { "application/json": { schema } } } : { description };
}

function operation(path: string, method: string, op: RouteDeclaration) {
  const failures = new Set([...(op.failures ?? []), ...(op.permission === "anyone" ? [] : [401]), 405, 500, 503]);
  if (op.body) [413, 415, 400].forEach((status) => failures.add(status));
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    })),
    ...Object.entries(op.query ?? {}).map(([name, spec]) => ({
      name,
      in: "query",
      required: false,
      description: spec.description,
      schema: { type: spec.type },
    })),
  ];
  const body = op.body && {
    required: false,
    content: {
      "application/json": { schema: jsonSchema(op.body) },
      "application/x-www-form-urlencoded": { schema: jsonSchema(op.body) },
    },
  };
  return {
    operationId: `${method}${path.replace(/\/api|[{}]/g, "").replace(/[/_.](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.schemes ? op.schemes.map((scheme) => ({ [scheme]: [] })) : SECURITY[op.permission],
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      [op.success.status]: response(op.success.description, op.success.schema),
      ...Object.fromEntries(
        [...failures]
          .sort()
          .map((status) => [
            status,
            response(
              status === 404 && op.notFound ? op.notFound : FAILURES[status].description,
              FAILURES[status].schema,
            ),
          ]),
      ),
    },
    // Who may call it, beyond the security schemes (which only say how to authenticate).
    "x-permission": PERMISSION_CLASS[op.permission],
  };
}

export function openApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(ROUTES).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([method, op]) => [method, operation(path, method, op as RouteDeclaration)]),
      ),
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Vestibule",
      version: "1.0.0",
      description:
        "Django REST Framework's authentication model: session, token and basic schemes, tried in that order.",
    },
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "vestibule.session",
          description: "Set by login/register. Unsafe requests from another Origin are refused (CSRF).",
        },
        token: { type: "apiKey", in: "header", name: "Authorization", description: "Authorization: Token <key>" },
        bearer: { type: "http", scheme: "bearer", description: "Authorization: Bearer <key> (the same API tokens)" },
        basic: { type: "http", scheme: "basic", description: "Counts as a login attempt: failures are throttled." },
      },
    },
  };
}
