import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { z } from "zod";
import { renderMessage } from "@/lib/i18n/render-message";
import type { Message } from "@/lib/messages";
import { usernameKey } from "@/lib/auth/username-key";
import {
  booleanField,
  loginSchema,
  logoutSchema,
  passwordChangeSchema,
  passwordField,
  passwordResetConfirmSchema,
  pageNumber,
  passwordResetSchema,
  profileSchema,
  registerSchema,
  staffUserUpdateSchema,
  toFieldErrors,
  tokenCreateSchema,
  usernameField,
  userSearchSchema,
} from "@/lib/validation";

// Properties of the shared zod schemas and the username key, over generated input. Fixed seeds:
// a failure names its seed and shrunk counterexample, and the next run finds the same one.

const SEED = 20261127;
const RUNS = 600;

// Django's UnicodeUsernameValidator, as lib/validation.ts should apply it.
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;
const MAX_LENGTH_MESSAGE = "Ensure this field has no more than 150 characters.";
const nfkcLength = (value: string) => [...value.normalize("NFKC")].length;
/** Characters NFKC turns into several username characters: ﬁ → fi, ﬃ → ffi, ㎒ → MHz, ǆ → dž… */
const GROWING_CHARACTERS: string[] = [];
/** Characters whose NFKC form differs from themselves (fullwidth, ligatures, superscripts…), from the BMP. */
const COMPATIBILITY_CHARACTERS: string[] = [];
/** Characters whose case mappings change length or do not round-trip (ß, ﬁ, İ, ς, ΐ…), from the BMP. */
const CASE_EDGE_CHARACTERS: string[] = [];
for (let code = 0x80; code <= 0xffff; code += 1) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const character = String.fromCodePoint(code);
  if (character.normalize("NFKC") !== character) COMPATIBILITY_CHARACTERS.push(character);
  if (nfkcLength(character) > 1 && USERNAME_PATTERN.test(character.normalize("NFKC")))
    GROWING_CHARACTERS.push(character);
  const upper = character.toUpperCase();
  const lower = character.toLowerCase();
  if (
    upper.length !== character.length ||
    lower.length !== character.length ||
    upper.toLowerCase() !== lower ||
    lower.toUpperCase() !== upper
  ) {
    CASE_EDGE_CHARACTERS.push(character);
  }
}

const USERNAME_SYMBOLS = "abcXYZ019@.+-_";
const WHITESPACE = [" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u2028", "\ufeff"];
const COMBINING_MARKS = ["\u0301", "\u0308", "\u0327", "\u030c", "\u0345", "\u20dd"];
const HOSTILE = [
  "\0",
  "\ud800",
  "\udfff",
  "\ud83d",
  "😀",
  "👩‍👩‍👧",
  "İ",
  "ı",
  "ß",
  "ﬁ",
  "Ａ",
  "ｚ",
  "K",
  "Å",
  "ſ",
  "ǅ",
  "ΐ",
  "ς",
];

/** One character of a username-ish string: mostly plausible, often an edge. */
const usernameCharacter = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...USERNAME_SYMBOLS) },
  { weight: 2, arbitrary: fc.constantFrom(...COMPATIBILITY_CHARACTERS) },
  { weight: 2, arbitrary: fc.constantFrom(...CASE_EDGE_CHARACTERS) },
  { weight: 1, arbitrary: fc.constantFrom(...COMBINING_MARKS) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);

/**
 * Repeats `units` until the string's NFKC form is `target` code points long (then "a"s fill what a
 * unit too long for the rest left over). Often far fewer code points before NFKC than after.
 */
function ofNfkcLength(units: string[], target: number): string {
  let raw = "";
  for (let index = 0; index < 4 * target; index += 1) {
    const next = raw + units[index % units.length];
    if (nfkcLength(next) > target) break;
    raw = next;
  }
  while (nfkcLength(raw) < target) raw += "a";
  return raw;
}

/** Usernames 149 to 151 code points long after NFKC, often made of characters NFKC grows. */
const nearTheLimit = fc
  .tuple(
    fc.integer({ min: 149, max: 151 }),
    fc.array(
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...GROWING_CHARACTERS) },
        { weight: 1, arbitrary: fc.constantFrom(...USERNAME_SYMBOLS) },
        // Text the field reads at all (no NUL, no lone surrogate): else the length is never counted.
        { weight: 1, arbitrary: usernameCharacter.filter((unit) => unit.isWellFormed() && !unit.includes("\0")) },
      ),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([target, units]) => ofNfkcLength(units, target));

/** A string that is often a valid username, padded with whitespace now and then; now and then near the length limit. */
const usernameLike = fc
  .tuple(
    fc.constantFrom("", ...WHITESPACE),
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: usernameCharacter, minLength: 1, maxLength: 24 }) },
      { weight: 1, arbitrary: nearTheLimit },
    ),
    fc.constantFrom("", ...WHITESPACE),
  )
  .map(([before, core, after]) => before + core + after);

/** Any string at all, lone surrogates and NUL included. */
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.oneof(usernameCharacter, fc.constantFrom(...WHITESPACE)), maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

/** A valid username as the register form receives it, with what the schema made of it. */
const validUsername = usernameLike
  .map((raw) => ({ raw, result: usernameField.safeParse(raw) }))
  .filter(({ result }) => result.success)
  .map(({ raw, result }) => ({ raw, parsed: result.data as string }));

const codePoints = (value: string) =>
  [...value].map((character) => `U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");

describe("username normalisation", () => {
  it("is idempotent: the parsed username parses to itself", () => {
    fc.assert(
      fc.property(validUsername, ({ parsed }) => {
        const again = usernameField.safeParse(parsed);
        assert.ok(again.success, `"${parsed}" (${codePoints(parsed)}) no longer parses`);
        assert.equal(again.data, parsed);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("keeps a valid username valid, and the same, after NFKC", () => {
    fc.assert(
      fc.property(validUsername, ({ raw, parsed }) => {
        assert.equal(parsed.normalize("NFKC"), parsed, "the parsed username is not in NFKC");
        const normalised = usernameField.safeParse(raw.normalize("NFKC"));
        assert.ok(normalised.success, `NFKC("${raw}") (${codePoints(raw.normalize("NFKC"))}) is refused`);
        assert.equal(normalised.data, parsed);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("never throws, whatever the string", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, nearTheLimit), (value) => {
        const result = usernameField.safeParse(value);
        if (result.success) assert.match(result.data, /^[\p{L}\p{N}_.@+-]{1,150}$/u);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("counts the 150-character limit after NFKC: 150 code points pass, 151 are refused with Django's message", () => {
    let grown = 0;
    fc.assert(
      fc.property(nearTheLimit, (raw) => {
        // The field trims, then normalises: what is counted is NFKC of the trimmed string.
        const counted = raw.trim().normalize("NFKC");
        const length = [...counted].length;
        if ([...raw].length < length) grown += 1;
        const result = usernameField.safeParse(raw);
        const messages = result.error?.issues.map((issue) => renderMessage(issue.message as Message, "en")) ?? [];
        const shown = `"${raw}" (${[...raw].length} code points, ${length} after NFKC): ${JSON.stringify(messages)}`;
        if (length > 150) return assert.ok(messages.includes(MAX_LENGTH_MESSAGE), shown);
        assert.ok(!messages.includes(MAX_LENGTH_MESSAGE), shown);
        if (USERNAME_PATTERN.test(counted)) assert.ok(result.success, shown);
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        examples: [
          ["a".repeat(149)],
          ["a".repeat(150)],
          ["a".repeat(151)],
          ["ﬁ".repeat(75)],
          ["ﬁ".repeat(76)],
          ["ﬃ".repeat(50)],
          [`${"ﬃ".repeat(50)}a`],
        ],
      },
    );
    // The property is about strings NFKC makes longer: most of the generated ones must be.
    assert.ok(grown > RUNS / 2, `only ${grown} of ${RUNS} strings grew under NFKC`);
  });
});

describe("usernameKey", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(anyString, (value) => {
        assert.equal(
          usernameKey(usernameKey(value)),
          usernameKey(value),
          `key of "${value}" (${codePoints(value)}) moves again`,
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("is case-insensitive for valid usernames: key(upper(x)) == key(lower(x)) == key(x)", () => {
    fc.assert(
      fc.property(validUsername, ({ parsed }) => {
        const key = usernameKey(parsed);
        const upper = usernameKey(parsed.toUpperCase());
        const lower = usernameKey(parsed.toLowerCase());
        const detail = `"${parsed}" (${codePoints(parsed)}): key ${codePoints(key)}, key(upper) ${codePoints(upper)}, key(lower) ${codePoints(lower)}`;
        assert.equal(upper, lower, detail);
        assert.equal(key, lower, detail);
      }),
      // Replayed first: the smallest counterexample found (fast-check's own shrink stops at "ῢa").
      { seed: SEED, numRuns: RUNS, examples: [[{ raw: "ῢ", parsed: "ῢ" }]] },
    );
  });

  it("finds the registered account from the login form's username (same key either way)", () => {
    fc.assert(
      fc.property(validUsername, ({ raw, parsed }) => {
        const login = loginSchema.safeParse({ username: raw, password: "irrelevant" });
        assert.ok(login.success, `the login form refuses "${raw}"`);
        assert.equal(usernameKey(login.data.username), usernameKey(parsed));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/** JSON values as a request body holds them, hostile strings included. */
const hostileString = fc.oneof(
  anyString,
  fc.constantFrom(
    "",
    " ",
    "\0",
    "\ud800",
    "a\u0000b",
    "ﬁ",
    "Ａｄｍｉｎ",
    "true",
    "1",
    "-1",
    " 7 ",
    "1e3",
    "0x10",
    "NaN",
    "Infinity",
    "__proto__",
    "constructor",
  ),
  fc.integer({ min: 10_000, max: 70_000 }).map((length) => "x".repeat(length)),
);
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.constantFrom(null, true, false, 0, -0, 1, -1, 1.5, 3650, 3651, 1e21, Number.MAX_SAFE_INTEGER + 2),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "prototype")),
      tie("value"),
      { maxKeys: 3 },
    ),
  ),
})).value;

const SCHEMAS: Array<[string, z.ZodObject]> = [
  ["registerSchema", registerSchema],
  ["loginSchema", loginSchema],
  ["logoutSchema", logoutSchema],
  ["profileSchema", profileSchema],
  ["passwordChangeSchema", passwordChangeSchema],
  ["passwordResetSchema", passwordResetSchema],
  ["passwordResetConfirmSchema", passwordResetConfirmSchema],
  ["tokenCreateSchema", tokenCreateSchema],
  ["userSearchSchema", userSearchSchema],
  ["staffUserUpdateSchema", staffUserUpdateSchema],
];

/** A body as JSON.parse makes it: `__proto__` and `constructor` are real own keys there. */
const hostileBody = (fields: string[]) =>
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom(...fields, "__proto__", "constructor", "prototype", "toString"),
        fc.string({ maxLength: 8 }),
      ),
      hostileJson,
      { maxKeys: 6 },
    )
    .map((fields) => JSON.parse(JSON.stringify(fields)) as unknown);

function assertDrfShape(errors: unknown, fields: string[], label: string): void {
  assert.ok(errors && typeof errors === "object" && !Array.isArray(errors), label);
  assert.equal(Object.getPrototypeOf(errors), Object.prototype, label);
  const entries = Object.entries(errors);
  assert.ok(entries.length > 0, `${label}: no field has an error`);
  for (const [field, messages] of entries) {
    assert.ok(fields.includes(field) || field === "non_field_errors", `${label}: unexpected key "${field}"`);
    assert.ok(Array.isArray(messages) && messages.length > 0, `${label}: ${field} is not a non-empty list`);
    for (const message of messages)
      assert.ok(typeof message === "string" && message.length > 0, `${label}: ${field} has ${JSON.stringify(message)}`);
  }
}

describe("toFieldErrors", () => {
  for (const [name, schema] of SCHEMAS) {
    it(`gives DRF's shape (field → non-empty list of strings) for whatever ${name} refuses`, () => {
      const fields = Object.keys(schema.shape);
      fc.assert(
        fc.property(
          fc.oneof({ weight: 4, arbitrary: hostileBody(fields) }, { weight: 1, arbitrary: hostileJson }),
          (body) => {
            const result = schema.safeParse(body);
            if (!result.success)
              assertDrfShape(toFieldErrors(result.error), fields, `${name}(${JSON.stringify(body)?.slice(0, 200)})`);
          },
        ),
        { seed: SEED, numRuns: RUNS / 2 },
      );
    });
  }

  it("gives DRF's shape for an error on any field name", () => {
    const issue = fc.record({
      path: fc.array(
        fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.constantFrom("constructor", "toString", "__proto__", "hasOwnProperty"),
          fc.nat(),
        ),
        { maxLength: 2 },
      ),
      message: fc.string({ minLength: 1, maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(issue, { minLength: 1, maxLength: 4 }), (issues) => {
        const error = new z.ZodError(
          issues.map(({ path, message }) => ({ code: "custom" as const, input: undefined, path, message })),
        );
        const fields = issues.map(({ path }) => path[0]).filter((field): field is string => typeof field === "string");
        assertDrfShape(toFieldErrors(error), fields, JSON.stringify(issues));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("passwords are used exactly as typed", () => {
  /** Strings a password field accepts only sometimes: whitespace, NFKC-able and case-edge characters, long ones. */
  const passwordLike = fc.oneof(
    fc.string({ unit: fc.oneof(usernameCharacter, fc.constantFrom(...WHITESPACE)), minLength: 1, maxLength: 60 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
    fc.integer({ min: 4090, max: 4100 }).map((length) => "ﬁ".repeat(length)),
    fc.constantFrom(
      " padded ",
      "\tTabbed\t",
      "ＦＵＬＬＷＩＤＴＨ",
      "ﬁﬂﬀ",
      "e\u0301",
      "\u00e9",
      "   ",
      "\u3000pw\u3000",
    ),
  );

  it("registerSchema returns the password unchanged whenever it accepts it", () => {
    fc.assert(
      fc.property(passwordLike, (password) => {
        const result = registerSchema.safeParse({ username: "alice", password });
        if (result.success) assert.equal(result.data.password, password, `"${password}" was altered`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("every other password field returns it unchanged too", () => {
    fc.assert(
      fc.property(passwordLike, (password) => {
        const fields: Array<[string, z.ZodType, unknown, (data: never) => unknown]> = [
          ["password", passwordField, password, (data: string) => data],
          ["login", loginSchema, { username: "alice", password }, (data: { password: string }) => data.password],
          [
            "change (old)",
            passwordChangeSchema,
            { old_password: password, new_password: "x" },
            (data: { old_password: string }) => data.old_password,
          ],
          [
            "change (new)",
            passwordChangeSchema,
            { old_password: "x", new_password: password },
            (data: { new_password: string }) => data.new_password,
          ],
          [
            "reset confirm",
            passwordResetConfirmSchema,
            { uid: "u", token: "t", new_password: password },
            (data: { new_password: string }) => data.new_password,
          ],
        ];
        for (const [label, schema, input, pick] of fields) {
          const result = schema.safeParse(input);
          if (result.success) assert.equal(pick(result.data as never), password, `${label}: "${password}" was altered`);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("booleanField, the integer field and the page number", () => {
  const TRUE_SPELLINGS = new Set<unknown>([
    true,
    1,
    "1",
    "true",
    "True",
    "TRUE",
    "t",
    "T",
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "on",
    "On",
    "ON",
  ]);
  const FALSE_SPELLINGS = new Set<unknown>([
    false,
    0,
    "0",
    "false",
    "False",
    "FALSE",
    "f",
    "F",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "off",
    "Off",
    "OFF",
    "",
  ]);
  const booleanish = fc.oneof(
    hostileJson,
    fc.constantFrom(...TRUE_SPELLINGS, ...FALSE_SPELLINGS, "yes ", "TrUe", "2", -0),
  );

  it("booleanField never throws, and accepts exactly DRF's spellings", () => {
    fc.assert(
      fc.property(booleanish, (value) => {
        const result = booleanField.safeParse(value);
        if (!result.success) {
          assert.ok(!TRUE_SPELLINGS.has(value) && !FALSE_SPELLINGS.has(value), `${JSON.stringify(value)} was refused`);
          return;
        }
        assert.equal(result.data, TRUE_SPELLINGS.has(value), `${JSON.stringify(value)} → ${result.data}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  const integerish = fc.oneof(
    hostileJson,
    fc.integer({ min: -10, max: 5000 }),
    fc.integer({ min: -10, max: 5000 }).map((n) => ` ${n} `),
    fc.constantFrom("", "1.0", "+1", "١", "１", "1_0", "9".repeat(400)),
  );

  it("expires_in_days never throws, and accepts only whole numbers of days from 1 to 3650", () => {
    fc.assert(
      fc.property(integerish, (value) => {
        const result = tokenCreateSchema.safeParse({ expires_in_days: value });
        if (!result.success)
          return assertDrfShape(toFieldErrors(result.error), ["expires_in_days"], JSON.stringify(value));
        const days = result.data.expires_in_days;
        if (days === undefined)
          return assert.ok(value === undefined || value === "", `${JSON.stringify(value)} became "never expires"`);
        assert.ok(Number.isInteger(days) && days >= 1 && days <= 3650, `${JSON.stringify(value)} → ${days}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("pageNumber never throws, and gives a whole page number from 1 (as written) or null", () => {
    const pageText = fc.oneof(
      integerish.map((value) => (typeof value === "string" ? value : JSON.stringify(value))),
      hostileString,
    );
    fc.assert(
      fc.property(fc.option(pageText, { nil: null }), (value) => {
        const page = pageNumber(value);
        if (page === null) return;
        assert.ok(Number.isSafeInteger(page) && page >= 1, `${JSON.stringify(value)} → ${page}`);
        if (value !== null && value !== "")
          assert.equal(String(page), value, "a page number not written as plain digits was accepted");
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("the staff search never throws, and accepts at most 150 characters of well-formed text", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, hostileJson), (search) => {
        const result = userSearchSchema.safeParse({ search });
        if (!result.success)
          return assertDrfShape(toFieldErrors(result.error), ["search"], JSON.stringify(search)?.slice(0, 200) ?? "");
        assert.equal(typeof result.data.search, "string");
        assert.ok(
          [...result.data.search].length <= 150 &&
            result.data.search.isWellFormed() &&
            !result.data.search.includes("\0"),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
