import { z } from "zod";
import { messages, type Message } from "@/lib/messages";
import { MAX_PASSWORD_LENGTH, stringValues, withPasswordRules } from "@/lib/password-rules";

// The zod schemas shared by the forms (react-hook-form, in the browser), the server actions and
// the route handlers. Their messages are codes of DRF's and Django's words (lib/messages.ts).

export const USERNAME_MAX = 150;
export const NAME_MAX = 150;
export const EMAIL_MAX = 254;
export const PASSWORD_MAX = MAX_PASSWORD_LENGTH;

// Django's UnicodeUsernameValidator: letters, digits and @ . + - _ (Python's \w is letters,
// digits and underscore).
const USERNAME_PATTERN = /^[\p{L}\p{N}_.@+-]+$/u;

const codePoints = (value: string) => [...value].length;

function text() {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined ? messages.required : issue.input === null ? messages.notNull : messages.notString,
    })
    .refine((value) => !value.includes("\0"), { error: messages.nullCharacters, abort: true })
    .refine((value) => value.isWellFormed(), { error: messages.invalidText, abort: true });
}

const notBlank = { error: messages.blank, abort: true } as const;
const atMost = (max: number) => (value: string) => codePoints(value) <= max;

export const usernameField = text()
  .trim()
  .overwrite((value) => value.normalize("NFKC"))
  .min(1, notBlank)
  .refine(atMost(USERNAME_MAX), messages.maxLength(USERNAME_MAX))
  .meta({ maxLength: USERNAME_MAX })
  .regex(USERNAME_PATTERN, messages.invalidUsername);

// Passwords are used exactly as typed: never trimmed or normalised.
export const passwordField = text()
  .min(1, notBlank)
  .refine(atMost(PASSWORD_MAX), messages.maxLength(PASSWORD_MAX))
  .meta({ maxLength: PASSWORD_MAX });

const nameField = text().trim().refine(atMost(NAME_MAX), messages.maxLength(NAME_MAX)).meta({ maxLength: NAME_MAX });

/** Django's normalize_email: the domain part is case-insensitive, so it is lower-cased. */
function normaliseEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at === -1 ? email : email.slice(0, at) + email.slice(at).toLowerCase();
}

const emailField = text()
  .trim()
  .refine(atMost(EMAIL_MAX), { error: messages.maxLength(EMAIL_MAX), abort: true })
  .refine((value) => value === "" || z.email().safeParse(value).success, messages.invalidEmail)
  .overwrite(normaliseEmail)
  .meta({ format: "email", maxLength: EMAIL_MAX, description: "May be blank." });

export const registerSchema = z.object({
  username: usernameField,
  password: passwordField,
  first_name: nameField.optional(),
  last_name: nameField.optional(),
  email: emailField.optional(),
});
export type RegisterInput = z.output<typeof registerSchema>;

export const REGISTER_ATTRIBUTES = ["username", "first_name", "last_name", "email"] as const;

/**
 * The register form's schema in the browser: the server's, plus Django's password rules that need
 * no word list (the server adds the common-password check), beside the other fields' errors.
 */
export const registerFormSchema = withPasswordRules(registerSchema, "password", {
  user: (values) => stringValues(values, REGISTER_ATTRIBUTES),
});

export const loginSchema = z.object({
  // No pattern check: a username that cannot exist simply fails to log in, like a wrong one.
  username: text()
    .trim()
    .min(1, notBlank)
    .refine(atMost(USERNAME_MAX * 4), messages.maxLength(USERNAME_MAX * 4))
    .meta({ maxLength: USERNAME_MAX * 4 }),
  password: passwordField,
});
export type LoginInput = z.output<typeof loginSchema>;

// DRF's BooleanField accepts these spellings (forms send strings).
const TRUE_VALUES = new Set<unknown>([
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
const FALSE_VALUES = new Set<unknown>([
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

export const booleanField = z
  .unknown()
  .transform((value, context) => {
    if (TRUE_VALUES.has(value)) return true;
    if (FALSE_VALUES.has(value)) return false;
    context.addIssue({ code: "custom", message: value === null ? messages.notNull : messages.notBoolean });
    return z.NEVER;
  })
  // What the OpenAPI document tells clients to send.
  .meta({ type: "boolean" });

export const logoutSchema = z.object({ all: booleanField.optional() });

/** DRF's IntegerField: integers, or strings of one (forms send strings). */
function integerField(min: number, max: number) {
  return z
    .unknown()
    .transform((value, context) => {
      const number = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof number !== "number" || !Number.isInteger(number)) {
        context.addIssue({ code: "custom", message: value === null ? messages.notNull : messages.invalidInteger });
        return z.NEVER;
      }
      if (number < min) context.addIssue({ code: "custom", message: messages.minValue(min) });
      if (number > max) context.addIssue({ code: "custom", message: messages.maxValue(max) });
      return number;
    })
    .meta({ type: "integer", minimum: min, maximum: max });
}

export const profileSchema = z.object({
  first_name: nameField.optional(),
  last_name: nameField.optional(),
  email: emailField.optional(),
  // Needed only when `email` changes; a blank one (an untouched form field) is none.
  password: z
    .preprocess((value) => (value === "" ? undefined : value), passwordField.optional())
    .meta({ description: "The current password: required when the e-mail address changes." }),
});
export type ProfileInput = z.output<typeof profileSchema>;

export const passwordChangeSchema = z.object({ old_password: passwordField, new_password: passwordField });
export type PasswordChangeInput = z.output<typeof passwordChangeSchema>;

export const passwordResetSchema = z.object({
  email: text()
    .trim()
    .min(1, notBlank)
    .refine(atMost(EMAIL_MAX), { error: messages.maxLength(EMAIL_MAX), abort: true })
    .refine((value) => z.email().safeParse(value).success, messages.invalidEmail)
    .meta({ format: "email", maxLength: EMAIL_MAX }),
});

export const passwordResetConfirmSchema = z.object({
  uid: text().min(1, notBlank).refine(atMost(200), messages.maxLength(200)).meta({ maxLength: 200 }),
  token: text().min(1, notBlank).refine(atMost(200), messages.maxLength(200)).meta({ maxLength: 200 }),
  new_password: passwordField,
});

// `mfa: false` turns the user's second factor off; `true` is ignored (only the user can turn it on).
/** The Python type DRF names in "Expected a list of items but got type …". */
function pythonType(value: unknown): string {
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  return "dict";
}

/**
 * DRF's many=True slug field: a list of names (codenames, group names), each a string, repeats
 * dropped. Whether each one exists is the domain's question (the catalogue, the groups table).
 * `nullable`: null is an answer of its own (a token's scope: everything).
 */
function namesField<Nullable extends boolean>(nullable: Nullable) {
  return z
    .unknown()
    .transform((value, context): Nullable extends true ? string[] | null : string[] => {
      type Out = Nullable extends true ? string[] | null : string[];
      if (value === null && nullable) return null as Out;
      const refuse = (message: Message) => {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (value === null) return refuse(messages.notNull);
      if (!Array.isArray(value)) return refuse(messages.notAList(pythonType(value)));
      if (!value.every((item) => typeof item === "string")) return refuse(messages.notString);
      return [...new Set(value as string[])] as Out;
    })
    .meta(
      nullable ? { type: ["array", "null"], items: { type: "string" } } : { type: "array", items: { type: "string" } },
    );
}
export const namesListField = namesField(false);

export const GROUP_NAME_MAX = 150;
export const groupSchema = z.object({
  name: text()
    .trim()
    .min(1, notBlank)
    .refine(atMost(GROUP_NAME_MAX), messages.maxLength(GROUP_NAME_MAX))
    .meta({ maxLength: GROUP_NAME_MAX }),
  permissions: namesListField.meta({ description: "Codenames" }).optional(),
});
export type GroupInput = z.output<typeof groupSchema>;
export const groupUpdateSchema = groupSchema.partial();
export type GroupUpdate = z.output<typeof groupUpdateSchema>;

export const staffUserUpdateSchema = z.object({
  is_active: booleanField.optional(),
  is_staff: booleanField.optional(),
  mfa: booleanField.optional(),
  groups: namesListField.meta({ description: "Group names: the user's groups become these" }).optional(),
  user_permissions: namesListField
    .meta({ description: "Codenames: the user's direct permissions become these" })
    .optional(),
});
export type StaffUserUpdate = z.output<typeof staffUserUpdateSchema>;

export const userSearchSchema = z.object({
  search: text()
    .refine(atMost(USERNAME_MAX), messages.maxLength(USERNAME_MAX))
    .meta({ maxLength: USERNAME_MAX })
    .optional()
    .default(""),
});

/** DRF's PageNumberPagination: a page number from 1, or null for anything else (its 404). */
export function pageNumber(value: string | null): number | null {
  if (value === null || value === "") return 1;
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

export const TOKEN_NAME_MAX = 100;

export const tokenCreateSchema = z.object({
  name: text()
    .trim()
    .refine(atMost(TOKEN_NAME_MAX), messages.maxLength(TOKEN_NAME_MAX))
    .meta({ maxLength: TOKEN_NAME_MAX })
    .optional(),
  // A blank form field means "never expires".
  expires_in_days: z.preprocess((value) => (value === "" ? undefined : value), integerField(1, 3650).optional()),
  permissions: namesField(true)
    .meta({ description: "The token's scope: codenames the caller holds; null or absent for everything they may do" })
    .optional(),
});

export type TokenCreateInput = z.output<typeof tokenCreateSchema>;

// Second factors (lib/mfa). A code is a TOTP code or a recovery code; a credential is the JSON
// that @simplewebauthn/browser produced, checked by @simplewebauthn/server.
const shortText = (max: number) =>
  text().trim().min(1, notBlank).refine(atMost(max), messages.maxLength(max)).meta({ maxLength: max });
const credentialField = z.record(z.string(), z.unknown(), {
  error: (issue) => (issue.input === undefined ? messages.required : messages.notAnObject(typeof issue.input)),
});

export const PASSKEY_NAME_MAX = 100;
export const passwordConfirmSchema = z.object({ password: passwordField });
export const mfaCodeSchema = z.object({ code: shortText(64) });
export const ticketSchema = z.object({ ticket: shortText(128) });
export const mfaLoginSchema = z
  .object({ ticket: shortText(128), code: shortText(64).optional(), credential: credentialField.optional() })
  .refine((value) => value.code !== undefined || value.credential !== undefined, {
    error: messages.required,
    path: ["code"],
  });
export const passkeyCreateSchema = z.object({
  credential: credentialField,
  name: text()
    .trim()
    .refine(atMost(PASSKEY_NAME_MAX), messages.maxLength(PASSKEY_NAME_MAX))
    .meta({ maxLength: PASSKEY_NAME_MAX })
    .optional(),
});
export const passkeyLoginSchema = z.object({ credential: credentialField });
export const emailVerifySchema = z.object({ token: shortText(200) });

export type FieldErrors = Record<string, Message[]>;

/** DRF's error shape: one list of messages per field; errors of no one field under non_field_errors. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "non_field_errors";
    // Every message of these schemas is one of lib/messages.ts's.
    const message = issue.message as Message;
    // Own properties only: a field named "constructor" or "__proto__" must not reach Object's.
    if (Object.hasOwn(errors, field)) errors[field].push(message);
    else
      Object.defineProperty(errors, field, {
        value: [message],
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return errors;
}
