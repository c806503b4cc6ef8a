import { z } from "zod";
import { ROUTES, type Permission, type RouteDeclaration } from "@/lib/api/routes";
import { renderMessage } from "@/lib/i18n/render-message";
import { DEFAULT_LOCALE } from "@/lib/i18n/locale";
import { messages, type Message } from "@/lib/messages";

import { parsedWith } from "@/lib/password-rules";
import { shapes } from "@/lib/shapes";

/** The document is English, whatever the request's language. */
const english = (message: Message) => renderMessage(message, DEFAULT_LOCALE);

// The OpenAPI 3.1 document of the JSON API, walked from the values that run: the routes'
// declarations (lib/api/routes.ts, which endpoint() enforces), their body schemas and the
// response shapes the serializers are typed from (lib/shapes.ts), through zod 4's JSON Schema
// output. The document cannot drift from the code.

function jsonSchema(body: z.ZodType): object {
  const schema = parsedWith.get(body) ?? body;
  const converted = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  // The document declares its dialect once; a $schema per body would be noise.
  delete converted.$schema;
  return converted;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every shape of lib/shapes.ts as the document's components, each $ref-ing the others. */
function components(): Record<string, object> {
  const { schemas } = z.toJSONSchema(shapes, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      // The document declares its dialect once, and names each component by its key.
      const rest: Record<string, unknown> = { ...schema };
      delete rest.$schema;
      delete rest.$id;
      return [id, rest];
    }),
  );
}

/** A success's schema in the document: a shape of lib/shapes.ts by reference, or a list of one. */
function responseSchema(schema: z.ZodType): object {
  const named = shapes.get(schema)?.id;
  if (named) return ref(named);
  if (schema instanceof z.ZodArray) return { type: "array", items: responseSchema(schema.element as z.ZodType) };
  throw new Error("A success's schema is a shape of lib/shapes.ts, or a list of one");
}

const FAILURES: Record<number, { description: string; schema: object }> = {
  400: { description: "Validation errors, malformed JSON or a body that is not an object", schema: ref("FieldErrors") },
  401: {
    description: `Not authenticated ("${english(messages.notAuthenticated)}") or a bad credential`,
    schema: ref("Detail"),
  },
  403: {
    description: `"${english(messages.permissionDenied)}", or the CSRF Origin check failed`,
    schema: ref("Detail"),
  },
  404: { description: english(messages.notFound), schema: ref("Detail") },
  405: { description: "Method not allowed; the Allow header lists the methods", schema: ref("Detail") },
  409: {
    description:
      "Not possible in the current state (two-factor authentication already on, or off; no address to verify, or already verified; the account's last way to sign in)",
    schema: ref("Detail"),
  },
  413: { description: "Body over 64 KiB", schema: ref("Detail") },
  415: { description: "Unsupported media type", schema: ref("Detail") },
  429: { description: "Throttled; Retry-After says when to try again", schema: ref("Detail") },
  500: { description: english(messages.serverError), schema: ref("Detail") },
  503: { description: english(messages.unavailable), schema: ref("Detail") },
};

type Named = Extract<Permission, string>;
const SIGNED_IN: Array<Record<string, string[]>> = [{ session: [] }, { token: [] }, { bearer: [] }, { basic: [] }];
const SECURITY: Record<Named, Array<Record<string, string[]>>> = {
  anyone: [{}, ...SIGNED_IN],
  authenticated: SIGNED_IN,
  staff: SIGNED_IN,
};
const PERMISSION_CLASS: Record<Named, string> = {
  anyone: "AllowAny",
  authenticated: "IsAuthenticated",
  staff: "IsAdminUser",
};

/** The security requirements of a permission: a class that may let an anonymous caller through lists "none" too. */
const securityOf = (permission: Permission) =>
  typeof permission === "string" ? SECURITY[permission] : permission.anonymous ? SECURITY.anyone : SIGNED_IN;
const labelOf = (permission: Permission) =>
  typeof permission === "string" ? PERMISSION_CLASS[permission] : permission.label;

/** The resources, one tag each: a path's tag is its first segment after /api. */
const TAGS = {
  register: "Creating an account",
  login: "Logging in: a password, a second step, a passkey",
  logout: "Logging out",
  session: "Who the request is",
  me: "The signed-in user's account, profile and data",
  email: "Verifying the e-mail address",
  password: "Changing and resetting the password",
  sessions: "The user's sessions",
  tokens: "The user's API tokens",
  events: "The user's audit events",
  mfa: "Second factors: an authenticator app and recovery codes",
  passkeys: "The user's passkeys",
  providers: "Other providers to sign in with",
  connections: "Provider accounts connected to the user",
  openapi: "This document",
  permissions: "The catalogue of permissions",
  groups: "Groups of permissions",
  admin: "Managing users (staff)",
} as const;
type Tag = keyof typeof TAGS;

function tagOf(path: string): Tag {
  const tag = path.split("/")[2].replace(/\.json$/, "");
  if (!(tag in TAGS)) throw new Error(`${path}: no tag "${tag}" in lib/openapi.ts`);
  return tag as Tag;
}

function response(description: string, schema?: object) {
  return schema ? { description, content: { "application/json": { schema } } } : { description };
}

function operation(path: string, method: string, op: RouteDeclaration) {
  const refuses = op.permission === "anyone" ? [] : typeof op.permission === "string" ? [401] : [401, 403];
  const failures = new Set([...(op.failures ?? []), ...refuses, 405, 500, 503]);
  if (op.body) [413, 415, 400].forEach((status) => failures.add(status));
  if (op.schemes) failures.add(403);
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
    tags: [tagOf(path)],
    ...(op.description ? { description: op.description } : {}),
    security: op.schemes ? op.schemes.map((scheme) => ({ [scheme]: [] })) : securityOf(op.permission),
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      [op.success.status]: response(
        op.success.description,
        op.success.schema ? responseSchema(op.success.schema) : undefined,
      ),
      ...Object.fromEntries(
        [...failures]
          .sort()
          .map((status) => [
            status,
            response(
              status === 404 && op.notFound ? english(op.notFound) : FAILURES[status].description,
              FAILURES[status].schema,
            ),
          ]),
      ),
    },
    // Who may call it, beyond the security schemes (which only say how to authenticate).
    "x-permission": labelOf(op.permission),
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
    // Relative: the server that serves this document, whatever its address.
    servers: [{ url: "/", description: "This Vestibule server" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components(),
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
