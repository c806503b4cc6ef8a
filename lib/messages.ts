import type en from "@/messages/en.json";

// Every user-facing message of the contract (docs/API.md) by its code, as DRF's exceptions carry a
// `default_code`: the domain says which message and with which value, never its words. The words
// exist once, in messages/<language>.json; the edge renders them in the request's language
// (lib/i18n/render-message.ts). A code is a key of those files ("api.invalidLogin"); a message with
// a value carries it after a "|" ("api.maxLength|150": each text has at most one placeholder).

type Keys<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of messages/en.json that holds a text (every language has the same keys). */
export type MessageCode = Keys<typeof en, "">;

declare const rendered: unique symbol;
/** A message by its code and value, rendered at the edge: plain text never passes for one. */
export type Message = string & { readonly [rendered]: "later" };

/** The message `code`, with the value of its one placeholder if it has one. */
export function message(code: MessageCode, value?: string | number): Message {
  return (value === undefined ? code : `${code}|${value}`) as Message;
}

/** Undoes message(): the code and the value (absent when there is none). */
export function messageParts(text: Message): { code: string; value?: string } {
  const bar = text.indexOf("|");
  return bar === -1 ? { code: text } : { code: text.slice(0, bar), value: text.slice(bar + 1) };
}

const api = (code: Keys<(typeof en)["api"], "">, value?: string | number) => message(`api.${code}`, value);

export const messages = {
  required: api("required"),
  notNull: api("notNull"),
  blank: api("blank"),
  notString: api("notString"),
  notBoolean: api("notBoolean"),
  nullCharacters: api("nullCharacters"),
  invalidText: api("invalidText"),
  maxLength: (max: number) => api("maxLength", max),
  invalidUsername: api("invalidUsername"),
  usernameTaken: api("usernameTaken"),
  invalidEmail: api("invalidEmail"),
  invalidLogin: api("invalidLogin"),
  // Django's four default password validators; "too similar" names the attribute in its code.
  password: {
    tooSimilarTo: {
      username: api("password.tooSimilarUsername"),
      first_name: api("password.tooSimilarFirstName"),
      last_name: api("password.tooSimilarLastName"),
      email: api("password.tooSimilarEmail"),
    },
    tooShort: api("password.tooShort"),
    tooCommon: api("password.tooCommon"),
    entirelyNumeric: api("password.entirelyNumeric"),
  },
  noData: api("noData"),
  notAnObject: (got: string) => api("notAnObject", got),

  invalidInteger: api("invalidInteger"),
  minValue: (min: number) => api("minValue", min),
  maxValue: (max: number) => api("maxValue", max),
  wrongOldPassword: api("wrongOldPassword"),

  loggedOut: api("loggedOut"),
  passwordChanged: api("passwordChanged"),
  resetSent: api("resetSent"),
  resetDone: api("resetDone"),
  invalidValue: api("invalidValue"),
  emailVerified: api("emailVerified"),
  verificationSent: api("verificationSent"),
  alreadyVerified: api("alreadyVerified"),
  noEmail: api("noEmail"),

  unsupportedMediaType: (type: string) => api("unsupportedMediaType", type),
  parseError: (reason: string) => api("parseError", reason),
  tooLarge: api("tooLarge"),
  methodNotAllowed: (method: string) => api("methodNotAllowed", method),
  notFound: api("notFound"),
  invalidPage: api("invalidPage"),
  throttled: (seconds: number) => api("throttled", seconds),
  serverError: api("serverError"),
  unavailable: api("unavailable"),

  notAuthenticated: api("notAuthenticated"),
  permissionDenied: api("permissionDenied"),
  staffChangeRefused: api("staffChangeRefused"),
  invalidToken: api("invalidToken"),
  invalidBasic: api("invalidBasic"),
  tokenHeaderEmpty: api("tokenHeaderEmpty"),
  tokenHeaderSpaces: api("tokenHeaderSpaces"),
  basicHeaderEmpty: api("basicHeaderEmpty"),
  basicHeaderSpaces: api("basicHeaderSpaces"),
  basicHeaderEncoding: api("basicHeaderEncoding"),
  userInactive: api("userInactive"),
  // Second factors and passkeys.
  invalidCode: api("invalidCode"),
  invalidTicket: api("invalidTicket"),
  basicWithMfa: api("basicWithMfa"),
  wrongPassword: api("wrongPassword"),
  nothingPending: api("nothingPending"),
  mfaAlreadyOn: api("mfaAlreadyOn"),
  mfaOff: api("mfaOff"),
  invalidPasskey: api("invalidPasskey"),
  loginExpired: api("loginExpired"),
  // Signing in with another provider.
  providerAccountExists: api("providerAccountExists"),
  providerFailed: api("providerFailed"),
  lastWayToSignIn: api("lastWayToSignIn"),
  signInAgainToConnect: api("signInAgainToConnect"),
  connectUnconfirmed: api("connectUnconfirmed"),
  // Permissions and groups (DRF's ManyRelatedField and SlugRelatedField, Django's unique check).
  notAList: (got: string) => api("notAList", got),
  noSuchCodename: (codename: string) => api("noSuchCodename", codename),
  noSuchGroup: (name: string) => api("noSuchGroup", name),
  groupNameTaken: api("groupNameTaken"),
  permissionNotHeld: (codename: string) => api("permissionNotHeld", codename),
  csrfOrigin: (origin: string) => api("csrfOrigin", origin),
} as const;
