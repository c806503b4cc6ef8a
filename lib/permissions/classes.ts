import type { AuthenticatedIdentity, StaffIdentity } from "@/lib/auth/permissions";
import type { Identity } from "@/lib/auth/types";
import { forbidden, notFound, type Forbidden, type NotFound } from "@/lib/refusal";

// DRF's permission classes, typed. A class answers hasPermission(request) before the view runs
// and hasObjectPermission(request, object) for one object; classes compose with .and, .or and
// not() as DRF 3.9's &, | and ~ do (with 3.15's rule for OR on objects). The identity type a
// class proves follows it into the handler: behind hasPermissions("notes.add_note") the handler
// gets a Permitted<"notes.add_note">, which is what a domain function asks for, so a route that
// forgot the check does not compile. No database here: the request carries hasPerms
// (lib/permissions/effective.ts), which keeps these classes pure and their tests truth tables.

export type PermissionRequest = {
  identity: Identity;
  /** The HTTP method, or what a page or server action stands for ("GET" to view, "POST" to act). */
  method: string;
  hasPerms(codenames: readonly string[]): Promise<boolean>;
};

declare const PERMITTED: unique symbol;
declare const CALLER: unique symbol;

/** An identity that was shown to hold every codename of C (by hasPermissions or permitted()). */
export type Permitted<C extends string> = AuthenticatedIdentity & { readonly [PERMITTED]: { readonly [K in C]: true } };

type Answer = boolean | Promise<boolean>;

export interface PermissionClass<Caller extends Identity = Identity, Subject = unknown> {
  /** DRF's class name, as the OpenAPI document's x-permission shows it. */
  readonly label: string;
  /** Whether an anonymous caller can pass for some method (the document's security requirements). */
  readonly anonymous: boolean;
  hasPermission(request: PermissionRequest): Promise<boolean>;
  hasObjectPermission(request: PermissionRequest, object: Subject): Promise<boolean>;
  and<C extends Identity, S>(other: PermissionClass<C, S>): PermissionClass<Caller & C, Subject & S>;
  or<C extends Identity, S>(other: PermissionClass<C, S>): PermissionClass<Caller | C, Subject & S>;
  /** The identity a passing request has: types only. */
  readonly [CALLER]?: Caller;
}

/** Any class, whatever it proves: what a route declaration accepts. */
export type AnyPermissionClass = PermissionClass<Identity, never>;
/** The identity a class proves. */
export type CallerOf<P> = P extends PermissionClass<infer C, never> ? C : Identity;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Spec<Subject> = {
  label: string;
  anonymous?: boolean;
  /** DRF's BasePermission answers true for both when a class does not say. */
  hasPermission?: (request: PermissionRequest) => Answer;
  hasObjectPermission?: (request: PermissionRequest, object: Subject) => Answer;
};

const grouped = (label: string) => (/[&|]/.test(label) ? `(${label})` : label);

/** A permission class from its two checks; `Caller` is the identity it proves (trusted: say only what the checks show). */
export function permissionClass<Caller extends Identity = Identity, Subject = unknown>(
  spec: Spec<Subject>,
): PermissionClass<Caller, Subject> {
  const has = spec.hasPermission ?? (() => true);
  const hasObject = spec.hasObjectPermission ?? (() => true);
  const self: PermissionClass<Caller, Subject> = {
    label: spec.label,
    anonymous: spec.anonymous ?? false,
    hasPermission: async (request) => has(request),
    hasObjectPermission: async (request, object) => hasObject(request, object),
    and: <C extends Identity, S>(other: PermissionClass<C, S>) =>
      permissionClass<Caller & C, Subject & S>({
        label: `${grouped(self.label)} & ${grouped(other.label)}`,
        anonymous: self.anonymous && other.anonymous,
        hasPermission: async (request) => (await self.hasPermission(request)) && other.hasPermission(request),
        hasObjectPermission: async (request, object) =>
          (await self.hasObjectPermission(request, object)) && other.hasObjectPermission(request, object),
      }),
    or: <C extends Identity, S>(other: PermissionClass<C, S>) =>
      permissionClass<Caller | C, Subject & S>({
        label: `${grouped(self.label)} | ${grouped(other.label)}`,
        anonymous: self.anonymous || other.anonymous,
        hasPermission: async (request) => (await self.hasPermission(request)) || other.hasPermission(request),
        // DRF 3.15: a side counts for an object only if it also passed for the request, so that
        // IsAdminUser | IsOwner does not let a non-admin through on IsAdminUser's default true.
        hasObjectPermission: async (request, object) =>
          ((await self.hasPermission(request)) && (await self.hasObjectPermission(request, object))) ||
          ((await other.hasPermission(request)) && other.hasObjectPermission(request, object)),
      }),
  };
  return self;
}

/** DRF's ~: the opposite answer for the request and for the object; it proves nothing about the caller. */
export function not<S>(inner: PermissionClass<Identity, S>): PermissionClass<Identity, S> {
  return permissionClass<Identity, S>({
    label: `~${grouped(inner.label)}`,
    anonymous: true,
    hasPermission: async (request) => !(await inner.hasPermission(request)),
    hasObjectPermission: async (request, object) => !(await inner.hasObjectPermission(request, object)),
  });
}

export const allowAny = permissionClass({ label: "AllowAny", anonymous: true });

export const isAuthenticated = permissionClass<AuthenticatedIdentity>({
  label: "IsAuthenticated",
  hasPermission: ({ identity }) => identity.user.isAuthenticated,
});

export const isAuthenticatedOrReadOnly = permissionClass({
  label: "IsAuthenticatedOrReadOnly",
  anonymous: true,
  hasPermission: ({ identity, method }) => SAFE_METHODS.has(method) || identity.user.isAuthenticated,
});

/** DRF's IsAdminUser: is_staff. */
export const isAdminUser = permissionClass<StaffIdentity>({
  label: "IsAdminUser",
  hasPermission: ({ identity }) => identity.user.isAuthenticated && identity.user.isStaff,
});

/** Every one of the codenames (Django's has_perms); the handler behind it gets a Permitted<C>. */
export function hasPermissions<C extends string>(...codenames: C[]): PermissionClass<Permitted<C>> {
  return permissionClass<Permitted<C>>({
    label: `HasPermissions(${codenames.join(", ")})`,
    hasPermission: async ({ identity, hasPerms }) => identity.user.isAuthenticated && hasPerms(codenames),
  });
}

const MODEL_ACTIONS: Record<string, string> = {
  GET: "view",
  HEAD: "view",
  OPTIONS: "view",
  POST: "add",
  PUT: "change",
  PATCH: "change",
  DELETE: "delete",
};

/** The codename DjangoModelPermissions asks for: "notes.note" and POST → "notes.add_note"; null for another method. */
export function modelCodename(model: string, method: string): string | null {
  const action = MODEL_ACTIONS[method.toUpperCase()];
  const [app, name] = model.split(".");
  return action && app && name ? `${app}.${action}_${name}` : null;
}

/** DRF's DjangoModelPermissions over "<app>.<model>" (reads need the view permission, as DjangoModelPermissions' perms_map can say). */
export function modelPermissions(model: string): PermissionClass<AuthenticatedIdentity> {
  return permissionClass<AuthenticatedIdentity>({
    label: `DjangoModelPermissions(${model})`,
    hasPermission: async ({ identity, method, hasPerms }) => {
      const codename = modelCodename(model, method);
      return identity.user.isAuthenticated && codename !== null && hasPerms([codename]);
    },
  });
}

/** An object permission (DRF's has_object_permission), "only the author edits a note"; it lets every request through. */
export function objectPermission<Subject>(
  label: string,
  check: (request: PermissionRequest, object: Subject) => Answer,
): PermissionClass<Identity, Subject> {
  return permissionClass<Identity, Subject>({ label, anonymous: true, hasObjectPermission: check });
}

export type RequestVerdict = "not_authenticated" | "permission_denied" | null;

/** DRF's check_permissions: null to go on; an anonymous caller refused is told to authenticate (401), anyone else 403. */
export async function requestVerdict(
  permission: PermissionClass<Identity, never>,
  request: PermissionRequest,
): Promise<RequestVerdict> {
  if (await permission.hasPermission(request)) return null;
  return request.identity.user.isAuthenticated ? "permission_denied" : "not_authenticated";
}

/**
 * DRF's check_object_permissions with DjangoObjectPermissions' rule: null to go on; a caller who
 * may not even view the object is told it is not there (404: its existence is not disclosed),
 * one who may view it but not do this gets 403.
 */
export async function objectVerdict<Subject>(
  permission: PermissionClass<Identity, Subject>,
  request: PermissionRequest,
  object: Subject,
): Promise<NotFound | Forbidden | null> {
  if (await permission.hasObjectPermission(request, object)) return null;
  if (SAFE_METHODS.has(request.method.toUpperCase())) return notFound();
  const reading = { ...request, method: "GET" };
  const mayView = (await permission.hasPermission(reading)) && (await permission.hasObjectPermission(reading, object));
  return mayView ? forbidden() : notFound();
}
