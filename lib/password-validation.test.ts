import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { z } from "zod";
import { renderMessage } from "@/lib/i18n/render-message";
import type { Message } from "@/lib/messages";
import { exceedsMaximumLengthRatio, quickRatio, validatePassword as validate } from "@/lib/password-validation";
import {
  loginSchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  registerSchema,
  toFieldErrors,
} from "@/lib/validation";

// The domain answers codes (lib/messages.ts); these tests pin the English the API renders them as.
const english = (messages: readonly Message[] | undefined) => messages?.map((text) => renderMessage(text, "en"));
const validatePassword = (...args: Parameters<typeof validate>) => english(validate(...args)) ?? [];

const TOO_SHORT = "This password is too short. It must contain at least 8 characters.";
const TOO_COMMON = "This password is too common.";
const NUMERIC = "This password is entirely numeric.";
const similarTo = (name: string) => `The password is too similar to the ${name}.`;

describe("quickRatio (difflib's SequenceMatcher.quick_ratio)", () => {
  it("matches Python's values", () => {
    // Python: SequenceMatcher(a="abcd", b="bcde").quick_ratio() == 0.75
    assert.equal(quickRatio("abcd", "bcde"), 0.75);
    assert.equal(quickRatio("aab", "abb"), (2 * 2) / 6);
    assert.equal(quickRatio("", ""), 1);
    assert.equal(quickRatio("abc", ""), 0);
  });

  it("counts code points, not UTF-16 units", () => {
    assert.equal(quickRatio("😀a", "😀b"), 0.5);
  });
});

describe("validatePassword (Django's default validators)", () => {
  it("accepts a decent password", () => {
    assert.deepEqual(validatePassword("correct horse battery staple", { username: "alice" }), []);
  });

  it("refuses a password shorter than 8 characters", () => {
    assert.deepEqual(validatePassword("x7#kQ2v", {}), [TOO_SHORT]);
    assert.deepEqual(validatePassword("x7#kQ2vz", {}), []);
  });

  it("counts the length in code points, as Python's len does", () => {
    // Seven emoji are fourteen UTF-16 units but seven characters.
    assert.deepEqual(validatePassword("🦊🐻🐼🐨🐯🦁🐮", {}), [TOO_SHORT]);
  });

  it("refuses a common password in a different case with spaces around", () => {
    assert.deepEqual(validatePassword("  PassWord1  ", {}), [TOO_COMMON]);
  });

  it("refuses an entirely numeric password, in any script's digits", () => {
    assert.ok(validatePassword("8472910365", {}).includes(NUMERIC));
    // Arabic-Indic digits: Python's str.isdigit is true for them too.
    assert.deepEqual(validatePassword("٣٨٤٧٢٩١٠٥٦", {}), [NUMERIC]);
  });

  it("refuses a password too similar to the username", () => {
    assert.deepEqual(validatePassword("alice12345", { username: "alice1234" }), [similarTo("username")]);
  });

  it("compares each part of the email address, and names the field as Django does", () => {
    assert.deepEqual(validatePassword("wonderland!", { email: "alice@wonderland.example" }), [
      similarTo("email address"),
    ]);
  });

  it("uses the verbose names of first and last name", () => {
    assert.deepEqual(validatePassword("Liddell-99", { last_name: "Liddell" }), [similarTo("last name")]);
    assert.deepEqual(validatePassword("Alicia2024", { first_name: "Alicia" }), [similarTo("first name")]);
  });

  it("reports only the first attribute the password is too similar to", () => {
    const user = { username: "quillmaker", email: "quillmaker@example.com" };
    assert.deepEqual(validatePassword("quillmaker", user), [similarTo("username")]);
  });

  it("skips a value far shorter than the password (the length-ratio rule)", () => {
    // Django's rule, for speed: a password at least 10 times as long as the value is not compared.
    assert.equal(exceedsMaximumLengthRatio("a".repeat(20), "al"), true);
    assert.equal(exceedsMaximumLengthRatio("a".repeat(19), "al"), false);
    assert.equal(exceedsMaximumLengthRatio("", ""), false);
    // Such a value could never reach 0.7 anyway (at most 2/11), so the outcome is unchanged.
    assert.deepEqual(validatePassword("alice-in-a-long-wonderful-tale", { username: "al" }), []);
  });

  it("ignores empty attributes", () => {
    assert.deepEqual(validatePassword("zq8!Tr4#pL", { username: "", email: "" }), []);
  });

  it("returns all four messages at once, in Django's order", () => {
    assert.deepEqual(validatePassword("1234", { username: "1234" }), [
      similarTo("username"),
      TOO_SHORT,
      TOO_COMMON,
      NUMERIC,
    ]);
  });

  // Refusals, not the constant: a cap that changed, or a field that skipped it, must fail here.
  it("caps passwords at 4096 characters, counted as code points, in every password field", () => {
    const TOO_LONG = ["Ensure this field has no more than 4096 characters."];
    const fields: Array<[string, (password: string) => z.ZodSafeParseResult<unknown>, string]> = [
      ["register", (password) => registerSchema.safeParse({ username: "alice", password }), "password"],
      ["login", (password) => loginSchema.safeParse({ username: "alice", password }), "password"],
      [
        "change (old)",
        (old_password) => passwordChangeSchema.safeParse({ old_password, new_password: "x" }),
        "old_password",
      ],
      [
        "change (new)",
        (new_password) => passwordChangeSchema.safeParse({ old_password: "x", new_password }),
        "new_password",
      ],
      [
        "reset confirm",
        (new_password) => passwordResetConfirmSchema.safeParse({ uid: "u", token: "t", new_password }),
        "new_password",
      ],
    ];
    for (const [label, parse, field] of fields) {
      for (const unit of ["p", "😀"]) {
        assert.equal(parse(unit.repeat(4096)).success, true, `${label}: 4096 × ${unit} refused`);
        const refused = parse(unit.repeat(4097));
        assert.equal(refused.success, false, `${label}: 4097 × ${unit} accepted`);
        assert.deepEqual(
          refused.error && english(toFieldErrors(refused.error)[field]),
          TOO_LONG,
          `${label}: 4097 × ${unit}`,
        );
      }
    }
  });
});
