import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuthenticatedIdentity } from "@/lib/auth/permissions";
import { ANONYMOUS, type AuthenticatedUser, type Identity } from "@/lib/auth/types";
import {
  allowAny,
  hasPermissions,
  isAdminUser,
  isAuthenticated,
  isAuthenticatedOrReadOnly,
  modelCodename,
  modelPermissions,
  not,
  objectPermission,
  objectVerdict,
  permissionClass,
  requestVerdict,
  type CallerOf,
  type PermissionClass,
  type PermissionRequest,
  type Permitted,
} from "./classes";

function person(fields: Partial<AuthenticatedUser> = {}): AuthenticatedIdentity {
  const user: AuthenticatedUser = {
    isAuthenticated: true,
    id: "u1",
    username: "alice",
    firstName: "",
    lastName: "",
    email: "",
    emailVerified: null,
    isActive: true,
    isStaff: false,
    isSuperuser: false,
    dateJoined: new Date(0),
    lastLogin: null,
    credentialsVersion: 0,
    hasGrants: false,
    ...fields,
  };
  return { user, auth: { scheme: "session", sessionId: "s1" } };
}

const member = person();
const staff = person({ isStaff: true });

function request(identity: Identity, method = "GET", held: readonly string[] = []): PermissionRequest {
  return { identity, method, hasPerms: async (codenames) => codenames.every((c) => held.includes(c)) };
}

/** A class that answers `perm` for every request and `obj` for every object. */
const fixed = (perm: boolean, obj: boolean) =>
  permissionClass({ label: `P${+perm}O${+obj}`, hasPermission: () => perm, hasObjectPermission: () => obj });

const BOTH = [false, true];

describe("composition (DRF's &, |, ~)", () => {
  const anyone = request(member);
  for (const ap of BOTH)
    for (const ao of BOTH)
      for (const bp of BOTH)
        for (const bo of BOTH) {
          const a = fixed(ap, ao);
          const b = fixed(bp, bo);
          it(`${a.label} & ${b.label}: request ${ap && bp}, object ${ao && bo}`, async () => {
            assert.equal(await a.and(b).hasPermission(anyone), ap && bp);
            assert.equal(await a.and(b).hasObjectPermission(anyone, {}), ao && bo);
          });
          const orObject = (ap && ao) || (bp && bo);
          it(`${a.label} | ${b.label}: request ${ap || bp}, object ${orObject} (a side counts only with its request check)`, async () => {
            assert.equal(await a.or(b).hasPermission(anyone), ap || bp);
            assert.equal(await a.or(b).hasObjectPermission(anyone, {}), orObject);
          });
        }
  for (const p of BOTH)
    for (const o of BOTH)
      it(`~${fixed(p, o).label}: request ${!p}, object ${!o}`, async () => {
        assert.equal(await not(fixed(p, o)).hasPermission(anyone), !p);
        assert.equal(await not(fixed(p, o)).hasObjectPermission(anyone, {}), !o);
      });

  it("labels composites as DRF's operators read", () => {
    assert.equal(
      isAdminUser.or(isAuthenticatedOrReadOnly.and(hasPermissions("a.b"))).label,
      "IsAdminUser | (IsAuthenticatedOrReadOnly & HasPermissions(a.b))",
    );
    assert.equal(not(isAdminUser.or(allowAny)).label, "~(IsAdminUser | AllowAny)");
  });

  it("does not let IsAdminUser's default object answer through an OR for a non-admin", async () => {
    const isAuthor = objectPermission<{ author: string }>(
      "IsAuthor",
      ({ identity }, note) => note.author === identity.user.id,
    );
    const either = isAdminUser.or(isAuthor);
    assert.equal(await either.hasObjectPermission(request(member), { author: "someone else" }), false);
    assert.equal(await either.hasObjectPermission(request(member), { author: "u1" }), true);
    assert.equal(await either.hasObjectPermission(request(staff), { author: "someone else" }), true);
  });
});

describe("the built-in classes", () => {
  const table: Array<[string, PermissionClass<Identity, never>, Identity, string, boolean]> = [
    ["AllowAny lets anyone in", allowAny, ANONYMOUS, "POST", true],
    ["IsAuthenticated refuses the anonymous", isAuthenticated, ANONYMOUS, "GET", false],
    ["IsAuthenticated lets a member in", isAuthenticated, member, "DELETE", true],
    ["IsAuthenticatedOrReadOnly lets the anonymous read", isAuthenticatedOrReadOnly, ANONYMOUS, "GET", true],
    ["IsAuthenticatedOrReadOnly lets the anonymous ask OPTIONS", isAuthenticatedOrReadOnly, ANONYMOUS, "OPTIONS", true],
    ["IsAuthenticatedOrReadOnly refuses the anonymous a write", isAuthenticatedOrReadOnly, ANONYMOUS, "POST", false],
    ["IsAuthenticatedOrReadOnly lets a member write", isAuthenticatedOrReadOnly, member, "PATCH", true],
    ["IsAdminUser refuses a member", isAdminUser, member, "GET", false],
    ["IsAdminUser lets staff in", isAdminUser, staff, "GET", true],
    ["IsAdminUser refuses the anonymous", isAdminUser, ANONYMOUS, "GET", false],
  ];
  for (const [name, permission, identity, method, expected] of table)
    it(name, async () => assert.equal(await permission.hasPermission(request(identity, method)), expected));

  it("HasPermissions needs every codename, and never passes the anonymous", async () => {
    const both = hasPermissions("notes.add_note", "notes.view_note");
    assert.equal(await both.hasPermission(request(member, "GET", ["notes.add_note"])), false);
    assert.equal(await both.hasPermission(request(member, "GET", ["notes.add_note", "notes.view_note"])), true);
    assert.equal(await both.hasPermission(request(ANONYMOUS, "GET", ["notes.add_note", "notes.view_note"])), false);
  });

  it("DjangoModelPermissions asks view, add, change or delete by method", async () => {
    const expected: Record<string, string | null> = {
      GET: "notes.view_note",
      HEAD: "notes.view_note",
      OPTIONS: "notes.view_note",
      POST: "notes.add_note",
      PUT: "notes.change_note",
      PATCH: "notes.change_note",
      DELETE: "notes.delete_note",
      TRACE: null,
    };
    for (const [method, codename] of Object.entries(expected)) {
      assert.equal(modelCodename("notes.note", method), codename, method);
      const notes = modelPermissions("notes.note");
      assert.equal(await notes.hasPermission(request(member, method, codename ? [codename] : [])), codename !== null);
      assert.equal(await notes.hasPermission(request(member, method, [])), false, `${method} without the permission`);
    }
  });

  it("says 401 to the anonymous and 403 to a signed-in caller", async () => {
    assert.equal(await requestVerdict(isAuthenticated, request(member)), null);
    assert.equal(await requestVerdict(isAuthenticated, request(ANONYMOUS)), "not_authenticated");
    assert.equal(await requestVerdict(isAdminUser, request(member)), "permission_denied");
  });
});

describe("object permissions: 404 before 403", () => {
  type Note = { author: string };
  const authorOrReadOnly = objectPermission<Note>(
    "IsAuthorOrReadOnly",
    ({ identity, method }, note) => method === "GET" || note.author === identity.user.id,
  );
  const notes = modelPermissions("notes.note").and(authorOrReadOnly);
  const theirs: Note = { author: "someone else" };

  it("lets the author change their note", async () => {
    assert.equal(await objectVerdict(notes, request(member, "PATCH", ["notes.change_note"]), { author: "u1" }), null);
  });

  it("answers 403 to someone who may view the note but not change it", async () => {
    const held = ["notes.view_note", "notes.change_note"];
    assert.deepEqual(await objectVerdict(notes, request(member, "PATCH", held), theirs), {
      ok: false,
      code: "forbidden",
    });
  });

  it("answers 404 to someone who may not even view it", async () => {
    assert.deepEqual(await objectVerdict(notes, request(member, "PATCH", ["notes.change_note"]), theirs), {
      ok: false,
      code: "not_found",
    });
  });

  it("answers 404 to a read the object check refuses", async () => {
    const ownOnly = objectPermission<Note>("IsAuthor", ({ identity }, note) => note.author === identity.user.id);
    assert.deepEqual(await objectVerdict(ownOnly, request(member, "GET"), theirs), { ok: false, code: "not_found" });
  });
});

describe("types", () => {
  it("give a handler behind hasPermissions a Permitted identity, and nothing else one", () => {
    const needsAdd = (caller: Permitted<"notes.add_note">) => caller.user.id;
    const behind = {} as CallerOf<ReturnType<typeof hasPermissions<"notes.add_note" | "notes.view_note">>>;
    assert.equal(typeof needsAdd, "function");
    void (() => needsAdd(behind));
    // @ts-expect-error: a signed-in identity has not shown it holds the permission.
    void (() => needsAdd(member));
    const either = {} as CallerOf<ReturnType<typeof isAdminUser.or<Permitted<"notes.add_note">, unknown>>>;
    // @ts-expect-error: behind an OR, either side may have passed.
    void (() => needsAdd(either));
  });
});
