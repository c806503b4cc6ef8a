import { z } from "zod";
import { messages, type Message } from "@/lib/messages";

// Django's four default AUTH_PASSWORD_VALIDATORS (django/contrib/auth/password_validation.py),
// in Django's order, every failing one reported. Lengths count code points, as Python's len.
// Pure and small, so the register form can run them as the person types; the common-password
// list (hundreds of kilobytes) is passed in by the server (lib/password-validation.ts).

/** Far above any real password; a cap so a huge body cannot make us hash megabytes. */
export const MAX_PASSWORD_LENGTH = 4096;

// The tooShort text says 8: messages/<language>.json changes with it.
const MIN_LENGTH = 8;
const MAX_SIMILARITY = 0.7;

const passwordMessages = messages.password;

export type PasswordUser = { username?: string; first_name?: string; last_name?: string; email?: string };

// The attributes Django compares, in its order; each message names the attribute by Django's
// verbose name for the field ("first name").
const USER_ATTRIBUTES: ReadonlyArray<keyof PasswordUser> = ["username", "first_name", "last_name", "email"];

// Python's re `\W` on str: anything but letters, numbers and "_". Marks count as \W there too.
const NON_WORD = /[^\p{L}\p{N}_]+/u;

/** Python's difflib.SequenceMatcher(a=a, b=b).quick_ratio(): shared characters as a multiset. */
export function quickRatio(a: string, b: string): number {
  const aChars = [...a];
  const bChars = [...b];
  const available = new Map<string, number>();
  for (const char of bChars) available.set(char, (available.get(char) ?? 0) + 1);
  let matches = 0;
  for (const char of aChars) {
    const left = available.get(char) ?? 0;
    if (left > 0) matches += 1;
    available.set(char, left - 1);
  }
  const length = aChars.length + bChars.length;
  return length === 0 ? 1 : (2 * matches) / length;
}

/**
 * Django skips a value so much shorter than the password that comparing it is wasted work:
 * its quick ratio could not exceed 2/11 anyway.
 */
export function exceedsMaximumLengthRatio(password: string, value: string): boolean {
  const passwordLength = [...password].length;
  const valueLength = [...value].length;
  return passwordLength >= 10 * valueLength && valueLength < (MAX_SIMILARITY / 2) * passwordLength;
}

function isTooSimilar(password: string, value: string): boolean {
  const whole = value.toLowerCase();
  const parts = [...whole.split(NON_WORD), whole];
  return parts.some(
    (part) => !exceedsMaximumLengthRatio(password, part) && quickRatio(password, part) >= MAX_SIMILARITY,
  );
}

/** The first attribute the password is too similar to (Django stops there). */
function similarAttribute(password: string, user: PasswordUser): keyof PasswordUser | undefined {
  const lowered = password.toLowerCase();
  return USER_ATTRIBUTES.find((attribute) => {
    const value = user[attribute];
    return value ? isTooSimilar(lowered, value) : false;
  });
}

/** Every message of Django's default validators, in Django's order; empty when the password is fine. */
export function passwordProblems(
  password: string,
  user: PasswordUser,
  isCommon: (password: string) => boolean = () => false,
): Message[] {
  const errors: Message[] = [];
  const similarTo = similarAttribute(password, user);
  if (similarTo !== undefined) errors.push(passwordMessages.tooSimilarTo[similarTo]);
  if ([...password].length < MIN_LENGTH) errors.push(passwordMessages.tooShort);
  if (isCommon(password)) errors.push(passwordMessages.tooCommon);
  // Python's str.isdigit; \p{Nd} misses only oddities such as superscript digits.
  if (/^\p{Nd}+$/u.test(password)) errors.push(passwordMessages.entirelyNumeric);
  return errors;
}

type RulesOptions = {
  /** The user the password must not resemble, from the form's values (strings as given so far). */
  user?: (values: Record<string, unknown>) => PasswordUser;
  isCommon?: (password: string) => boolean;
  /**
   * Only when another field failed. The server's forms leave a fully parsed body to the domain
   * function, which validates against the real user (and, for registration, reports a taken
   * username beside the password's problems).
   */
  besideOtherErrors?: boolean;
};

/** The values that are strings: what a failed field holds is whatever was sent. */
export function stringValues(values: Record<string, unknown>, keys: ReadonlyArray<keyof PasswordUser>): PasswordUser {
  return Object.fromEntries(keys.filter((key) => typeof values[key] === "string").map((key) => [key, values[key]]));
}

/**
 * The object schema a wrapped schema (below) parses with: what the OpenAPI document shows of a
 * body whose zod type is a transform (JSON Schema cannot say what a transform accepts).
 */
export const parsedWith = new WeakMap<z.ZodType, z.ZodObject>();

/**
 * Django's validators on `field` of a form's schema, reported together with every other field's
 * errors, as DRF collects them all before it answers: one answer says both that the username is
 * missing and that the password is too short. They run whenever the password itself parsed.
 * (Not a refinement of the object: zod skips those once a field's check aborts, as "may not be
 * blank" does.) Typed by the input it accepts, from which the form resolver reads field names.
 */
export function withPasswordRules<S extends z.ZodObject>(
  schema: S,
  field: string,
  options: RulesOptions = {},
): z.ZodType<z.output<S>, z.input<S>> {
  const wrapped = z.unknown().transform((input, context) => {
    const result = schema.safeParse(input);
    const issues = result.success ? [] : result.error.issues;
    const values = (result.success ? result.data : input) as Record<string, unknown>;
    const password = values !== null && typeof values === "object" ? values[field] : undefined;
    const checked =
      typeof password === "string" &&
      !issues.some((issue) => issue.path[0] === field) &&
      (!options.besideOtherErrors || issues.length > 0);
    const problems = checked ? passwordProblems(password, options.user?.(values) ?? {}, options.isCommon) : [];
    for (const issue of issues) context.addIssue({ ...issue });
    for (const message of problems) context.addIssue({ code: "custom", path: [field], message });
    return result.success && !problems.length ? result.data : z.NEVER;
  });
  parsedWith.set(wrapped, schema);
  return wrapped as unknown as z.ZodType<z.output<S>, z.input<S>>;
}
