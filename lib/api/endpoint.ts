import "server-only";
import type { z } from "zod";
import { untrustedOrigin } from "@/lib/auth/csrf";
import { authenticateRequest } from "@/lib/auth/identity";
import { requestInfo } from "@/lib/auth/request-info";
import { readSessionCookie } from "@/lib/auth/session";
import { AuthenticationFailed, AuthenticationThrottled, type Identity, type RequestInfo } from "@/lib/auth/types";
import { readBody } from "@/lib/api/body";
import { isDatabaseUnavailable } from "@/lib/api/faults";
import { withLanguage } from "@/lib/api/language";
import { refusalResponse } from "@/lib/api/refusals";
import {
  ApiError,
  detail,
  json,
  messageResponse,
  noContent,
  noStore,
  notAuthenticated,
  permissionDenied,
  throttled,
  type MessageAnswer,
} from "@/lib/api/responses";
import { ROUTES, type DeclaredMethod, type Permission, type RouteDeclaration, type Success } from "@/lib/api/routes";
import { validate } from "@/lib/api/validate";
import { withTransportSecurity } from "@/lib/api/transport-security";
import { isAuthenticated, isStaff, type AuthenticatedIdentity, type StaffIdentity } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locale";
import { errorSummary, logger } from "@/lib/logger";
import { messages } from "@/lib/messages";
import { PasswordHashingBusy } from "@/lib/passwords";
import { requestVerdict, type CallerOf } from "@/lib/permissions/classes";
import { permissionRequest } from "@/lib/permissions/effective";
import { isRefusal, type Refusal } from "@/lib/refusal";

// The route-handler wrapper: DRF's APIView in one place, running the route's declaration
// (lib/api/routes.ts). It answers wrong methods (405 with Allow), authenticates the request,
// applies the CSRF rule, the permission and the allowed schemes, reads the body (415/413/400)
// and validates it with the declared schema (400), then answers the handler's value with the
// declared success, or its refusal through lib/api/refusals.ts. Exceptions become 503 (database
// unreachable) or 500 without internals; every answer is in the request's language
// (lib/api/language.ts).

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
const UNSAFE = new Set<string>(["POST", "PUT", "PATCH", "DELETE"]);

export type ApiContext<Caller extends Identity = Identity, Input = unknown> = {
  request: Request;
  info: RequestInfo;
  identity: Caller;
  params: Record<string, string>;
  /** The body, validated by the declared schema (an empty object when none is declared). */
  input: Input;
};

/** A handler answers the declared success's value, or the domain's refusal. */
type Handler<Caller extends Identity = Identity, Input = unknown, Value = unknown> = (
  context: ApiContext<Caller, Input>,
) => Promise<Value | Refusal>;
type Routes = typeof ROUTES;
type RoutePath = keyof Routes;
/** The handler's input: the declared body schema's output. */
type InputOf<D> = D extends { body: infer S extends z.ZodType } ? z.output<S> : Record<string, never>;
/** The handler's value: the declared success schema's input (nothing for a message or a 204). */
type ValueOf<D> = D extends { success: { message: string } }
  ? void
  : D extends { success: { schema: infer S extends z.ZodType } }
    ? z.input<S>
    : void;
/** The identity a handler gets: the one its declared permission proves (a class's: a Permitted<…> for hasPermissions). */
type CallerFor<P extends Permission> = P extends "staff"
  ? StaffIdentity
  : P extends "authenticated"
    ? AuthenticatedIdentity
    : P extends "anyone"
      ? Identity
      : CallerOf<P>;
/** One handler per method the route declares, no more, no fewer; each typed by its method's permission. */
type Handlers<Path extends RoutePath> = {
  [M in keyof Routes[Path] & DeclaredMethod as Uppercase<M>]: Routes[Path][M] extends {
    permission: infer P extends Permission;
  }
    ? Handler<CallerFor<P>, InputOf<Routes[Path][M]>, ValueOf<Routes[Path][M]>>
    : never;
};
type MethodSpec = RouteDeclaration & { handler: Handler };
type RouteContext = { params: Promise<Record<string, string | string[]>> };
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

function csrfRefusal(method: string, spec: MethodSpec, info: RequestInfo, identity: Identity): MessageAnswer | null {
  if (!UNSAFE.has(method)) return null;
  if (identity.auth?.scheme === "token" || identity.auth?.scheme === "basic") return null;
  if (!spec.setsSession && readSessionCookie(info.headers, info.secure) === null) return null;
  const origin = untrustedOrigin(info);
  return origin === null ? null : detail(messages.csrfOrigin(origin), 403);
}

async function permissionRefusal(spec: MethodSpec, identity: Identity, method: string): Promise<MessageAnswer | null> {
  const { permission } = spec;
  if (typeof permission !== "string") {
    const verdict = await requestVerdict(permission, permissionRequest(identity, method));
    return verdict === null ? null : verdict === "not_authenticated" ? notAuthenticated() : permissionDenied();
  }
  if (permission === "anyone") return null;
  if (!isAuthenticated(identity)) return notAuthenticated();
  return permission === "staff" && !isStaff(identity) ? permissionDenied() : null;
}

/** The declared schemes (DRF's authentication_classes for one view): any other is a 403, before the body is read. */
function schemeRefusal(spec: MethodSpec, identity: Identity): MessageAnswer | null {
  if (!spec.schemes || !identity.auth) return null;
  return spec.schemes.includes(identity.auth.scheme) ? null : permissionDenied();
}

/** The declared schema that validates the body: the caller's own when its rules depend on the caller. */
function bodySchema(spec: MethodSpec, identity: Identity): z.ZodType | undefined {
  return spec.bodyFor && isAuthenticated(identity) ? spec.bodyFor(identity) : spec.body;
}

/** The handler's value as the declared success, or its refusal's answer. */
function answer(success: Success, value: unknown): Response | MessageAnswer {
  if (isRefusal(value)) return refusalResponse(value);
  if (success.status === 204) return noContent();
  if (success.message !== undefined) return detail(success.message, success.status, success.headers);
  return json(value, success.status, success.headers);
}

function fault(error: unknown, request: Request): MessageAnswer {
  if (error instanceof PasswordHashingBusy)
    return detail(messages.unavailable, 503, { "Retry-After": String(error.retryAfter) });
  if (isDatabaseUnavailable(error)) {
    logger.warn({ path: new URL(request.url).pathname }, "database unavailable");
    return detail(messages.unavailable, 503);
  }
  logger.error(
    { err: errorSummary(error), method: request.method, path: new URL(request.url).pathname },
    "unhandled error in API handler",
  );
  return detail(messages.serverError, 500);
}

/** The path's parameters; null when one holds text no id can have (NUL, broken UTF-16): a 404. */
async function flatParams(context: RouteContext | undefined): Promise<Record<string, string> | null> {
  const raw = (await context?.params) ?? {};
  const params = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]),
  );
  return Object.values(params).every((value) => !value.includes("\0") && value.isWellFormed()) ? params : null;
}

/** What the route answers: the declared checks, then the handler's value or refusal. */
async function answerRequest(
  method: string,
  spec: MethodSpec,
  request: Request,
  context: RouteContext,
): Promise<{ response: Response | MessageAnswer; identity?: Identity }> {
  try {
    const info = requestInfo(request.headers);
    let identity: Identity;
    try {
      identity = await authenticateRequest(info);
    } catch (error) {
      if (error instanceof AuthenticationFailed) return { response: notAuthenticated(error.detail) };
      if (error instanceof AuthenticationThrottled) return { response: throttled(error.retryAfter) };
      throw error;
    }
    const refusal =
      csrfRefusal(method, spec, info, identity) ??
      (await permissionRefusal(spec, identity, request.method)) ??
      schemeRefusal(spec, identity);
    if (refusal) return { response: refusal };
    // A DELETE's body is read only when one is declared, after its path (an id that cannot be is a 404).
    const body = UNSAFE.has(method) && method !== "DELETE" ? await readBody(request) : {};
    const params = await flatParams(context);
    if (!params) return { response: detail(messages.notFound, 404) };
    const schema = bodySchema(spec, identity);
    const raw = method === "DELETE" && schema ? await readBody(request) : body;
    const input = schema ? validate(schema, raw) : raw;
    return { response: answer(spec.success, await spec.handler({ request, info, identity, params, input })), identity };
  } catch (error) {
    if (error instanceof ApiError) return { response: error.answer };
    return { response: fault(error, request) };
  }
}

async function run(
  method: string,
  spec: MethodSpec,
  request: Request,
  context: RouteContext,
  locale: Locale,
): Promise<Response> {
  const { response: answered, identity } = await answerRequest(method, spec, request, context);
  const response = answered instanceof Response ? answered : messageResponse(answered, locale);
  // Only on reads: a write may itself set or clear the session cookie.
  if (method === "GET" && identity && "renewCookie" in identity && identity.renewCookie)
    response.headers.append("Set-Cookie", identity.renewCookie);
  return response;
}

/**
 * Builds every method's export for a route.ts: the methods `path` declares in lib/api/routes.ts,
 * each with its handler, and 405s for the rest.
 */
export function endpoint<Path extends RoutePath>(
  path: Path,
  handlers: NoInfer<Handlers<Path>>,
): Record<Method | "OPTIONS", RouteHandler> {
  const declared: Partial<Record<DeclaredMethod, RouteDeclaration>> = ROUTES[path];
  // permissionRefusal proves, before a handler runs, the identity its type asks for.
  const given = handlers as Partial<Record<Method, Handler>>;
  const specs: Partial<Record<Method, MethodSpec>> = {};
  for (const method of METHODS) {
    const declaration = declared[method.toLowerCase() as DeclaredMethod];
    const handler = given[method];
    if (!declaration !== !handler)
      throw new Error(`${method} ${path}: declared in lib/api/routes.ts and handled in its route.ts, or neither`);
    if (declaration && handler) specs[method] = { ...declaration, handler };
  }
  const allowed = METHODS.filter((method) => specs[method]);
  const allow = [...allowed, ...(specs.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed = async (request: Request, _context: RouteContext, locale: Locale) =>
    noStore(messageResponse(detail(messages.methodNotAllowed(request.method), 405, { Allow: allow }), locale));
  const routes = Object.fromEntries(
    METHODS.map((method) => {
      const spec = specs[method];
      const route = spec
        ? async (request: Request, context: RouteContext, locale: Locale) => {
            const response = await run(method, spec, request, context, locale);
            // A public answer keeps its caching only when it succeeded: errors are never shared.
            return spec.public && response.ok ? response : noStore(response);
          }
        : notAllowed;
      return [method, withTransportSecurity(withLanguage(route))];
    }),
  ) as Record<Method, RouteHandler>;
  const options: RouteHandler = async () => noStore(new Response(null, { status: 200, headers: { Allow: allow } }));
  return { ...routes, OPTIONS: withTransportSecurity(withLanguage(options)) };
}
