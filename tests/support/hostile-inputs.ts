// Generators of hostile requests for the property-based HTTP suite (tests/http/hostile-input.test.ts):
// bodies with wrong types, huge, deep, malformed or prototype-polluting JSON; odd content types;
// malformed Authorization headers; odd {id} path segments and query strings; huge header values.
// Every value prints as a short summary (fast-check's toStringMethod), so a failure stays readable.
import fc from "fast-check";

const KIB_64 = 64 * 1024;
// Node's HTTP parser refuses a request head over 16 KiB with its own 431 (no JSON, not the app's
// answer), so the head is budgeted: one hostile header up to 8 KiB, an Authorization header or a
// path segment up to 6 KiB, a query string up to 4 KiB, and send() trims the rest to fit 14 KiB.
const HEADER_VALUE_MAX = 8 * 1024;
export const HEAD_BUDGET = 14 * 1024;
const CREDENTIAL_MAX = 6 * 1024;
const SEGMENT_MAX = 6 * 1024;
const QUERY_MAX = 4 * 1024;

/** `value`, printed by fast-check as `summary` instead of its (possibly 70 000-character) self. */
function summarised<T extends object>(value: T, summary: string): T {
  return Object.assign(value, { [fc.toStringMethod]: () => summary });
}

/** A short, printable view of hostile text: its length, and its start with escapes. */
export function preview(text: string, max = 120): string {
  const shown = JSON.stringify(text.length > max ? text.slice(0, max) : text);
  return text.length > max ? `${shown}… (${text.length} chars)` : shown;
}

// Strings that validators, normalisers and databases tend to get wrong.
const EDGE_STRINGS = [
  "",
  " ",
  "\t",
  "\0",
  "a\0b",
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\udc00\ud800",
  "😀",
  "👩‍👩‍👧",
  // NFKC and confusables: ligatures, fullwidth, superscripts, letter-like symbols, combining marks.
  "ﬁ",
  "ﬁnance",
  "Ａｄｍｉｎ",
  "ａｌｉｃｅ",
  "ᴬᴰᴹᴵᴺ",
  "admin\u0301",
  "e\u0301",
  "\u0301",
  "²",
  "①",
  "Ⅻ",
  "ℌ",
  "K",
  "Å",
  "ſ",
  "İstanbul",
  "ı",
  "ß",
  "ẞ",
  "STRAẞE",
  "ΐ",
  "аdmin",
  "\u200b",
  "admin\u200b",
  "\u202eevil",
  "\ufeff",
  "\u3000alice\u3000",
  " alice ",
  // Look like other types, or like syntax somewhere else.
  "null",
  "undefined",
  "true",
  "0",
  "-1",
  "1e309",
  "NaN",
  "__proto__",
  "constructor",
  "{}",
  "[]",
  "%00",
  "%",
  "<script>",
  '\'; DROP TABLE "User"; --',
  "\\",
  '"',
  // Boundaries of the contract's lengths (150 for names, 254 for e-mail, 4096 for passwords).
  "a".repeat(150),
  "a".repeat(151),
  "ﬁ".repeat(76),
  "é".repeat(4096),
  "p".repeat(4097),
  "alice@example.com",
  "ALICE@EXAMPLE.COM",
  "a@b",
  "@",
  "a@ｅｘａｍｐｌｅ.com",
  "a@b.c\0",
];

const CONFUSABLE_UNITS = [
  "a",
  "Z",
  "0",
  "_",
  "@",
  ".",
  "+",
  "-",
  " ",
  "ﬁ",
  "Ａ",
  "ｚ",
  "é",
  "e\u0301",
  "\u0301",
  "İ",
  "ß",
  "ẞ",
  "K",
  "\0",
  "\ud800",
  "\udfff",
  "😀",
  "\u200b",
];

/** 10 000 to 70 000 characters of one unit (a multi-byte or lone-surrogate unit sometimes). */
const longString = fc
  .tuple(fc.constantFrom("x", "ﬁ", "é", "😀", "\0", "\ud800", "a "), fc.integer({ min: 10_000, max: 70_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...CONFUSABLE_UNITS), minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: longString },
);

/** Any JSON value: the wrong type for every field (numbers, arrays, objects, null, booleans). */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.constantFrom(null, true, false, 0, -0, 1, -1, 0.5, 3650, 3651, 1e308, -1e308, 2 ** 53 + 2),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("__proto__", "constructor", "prototype")),
      tie("value"),
      { maxKeys: 3 },
    ),
  ),
})).value;

const fieldValue = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: hostileJson });

// Keys a client may not set, and keys that pollute prototypes when code copies objects naively.
const SPECIAL_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "id",
  "is_staff",
  "is_active",
  "is_superuser",
  "date_joined",
  "last_login",
  "username",
  "password",
  "toString",
  "hasOwnProperty",
];

/** `{"k": v, …}` written out by hand, so duplicate keys and a real `__proto__` key reach the server. */
function objectText(entries: Array<[string, unknown]>): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",")}}`;
}

const entriesFor = (fields: string[]) =>
  fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...fields) },
        { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      ),
      fieldValue,
    ),
    { maxLength: 6 },
  );

export type HostileBody = { kind: string; text: string; contentType: string };

const JSON_TYPE = "application/json";

/** A body as the generators make it (also for pinned counterexamples). */
export const body = (kind: string, text: string, contentType = JSON_TYPE): HostileBody =>
  summarised(
    { kind, text, contentType },
    `${kind} body, ${Buffer.byteLength(text)} bytes, content-type ${JSON.stringify(contentType)}: ${preview(text)}`,
  );

const ODD_CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "application/json;charset=UTF-8",
  "application/merge-patch+json",
  "application/x-www-form-urlencoded",
  "",
  "*/*",
  "application/json, text/plain",
  "json",
  "application/jsonp",
  "application/x-json",
  "text/json",
];
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant(JSON_TYPE) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/) },
);

const MALFORMED_JSON = [
  "{",
  "}",
  '{"username":',
  "{'username':'a'}",
  '{"a":1,}',
  '{"a":1}}',
  "\0",
  "\ufeff{}",
  "NaN",
  '{"a":undefined}',
  "[1,]",
  '{"a" 1}',
  '{"a":01}',
  '{"a":"\\x41"}',
  '{"a":"\n"}',
  "nul",
  "tru",
  "{}{}",
  "// {}\n{}",
];

/** A hostile body for an endpoint whose fields are `fields`. */
export function hostileBody(fields: string[]): fc.Arbitrary<HostileBody> {
  const depth = fc.oneof(fc.constant(5000), fc.integer({ min: 500, max: 5000 }));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(entriesFor(fields), contentType)
        .map(([entries, type]) => body("fields", objectText(entries), type)),
    },
    {
      weight: 1,
      arbitrary: entriesFor(fields).map((entries) =>
        body(
          "__proto__-wrapped",
          `{"__proto__":${objectText(entries)},"constructor":{"prototype":${objectText(entries)}}}`,
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(depth, fc.constantFrom(...fields), fc.nat(3)).map(([levels, field, form]) => {
        const texts = [
          "[".repeat(levels),
          "[".repeat(levels) + "]".repeat(levels),
          `{${JSON.stringify(field)}:${"[".repeat(levels)}${"]".repeat(levels)}}`,
          `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`,
        ];
        return body(`nested ${levels} deep`, texts[form]);
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.constantFrom<unknown>(null, 0, "x", true, []), hostileJson)
        .filter((value) => value === null || typeof value !== "object" || Array.isArray(value))
        .map((value) => body("non-object", JSON.stringify(value))),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(...MALFORMED_JSON),
          fc.tuple(entriesFor(fields), fc.nat()).map(([entries, cut]) => {
            const text = objectText(entries);
            return text.slice(0, cut % Math.max(1, text.length));
          }),
          fc.string({ unit: "binary", maxLength: 30 }),
        )
        .map((text) => body("malformed", text)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...fields),
          fc.constantFrom("x", "é", "😀"),
          fc.integer({ min: KIB_64 - 4096, max: KIB_64 + 6 * 1024 }),
        )
        .map(([field, unit, bytes]) => {
          const head = `{${JSON.stringify(field)}:"`;
          const units = Math.max(0, Math.floor((bytes - head.length - 2) / Buffer.byteLength(unit)));
          const text = `${head}${unit.repeat(units)}"}`;
          return body(Buffer.byteLength(text) > KIB_64 ? "over 64 KiB" : "under 64 KiB", text);
        }),
    },
    {
      weight: 1,
      arbitrary: entriesFor(fields).map((entries) =>
        body(
          "form-encoded",
          entries
            .map(
              ([key, value]) =>
                `${encodeURIComponent(key)}=${encodeURIComponent((typeof value === "string" ? value : JSON.stringify(value)).toWellFormed())}`,
            )
            .join("&"),
          "application/x-www-form-urlencoded",
        ),
      ),
    },
    { weight: 1, arbitrary: fc.constant(body("empty", "")) },
  );
}

/** Text as an HTTP header can carry it: UTF-8 bytes read as Latin-1 (fetch sends only bytes), no control characters but tab. */
function headerSafe(text: string): string {
  return Buffer.from(text.toWellFormed(), "utf8")
    .toString("latin1")
    .replace(/[\0-\x08\x0a-\x1f\x7f]/g, "")
    .slice(0, HEADER_VALUE_MAX);
}

const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString("base64");
const spaces = fc.constantFrom(" ", "  ", "\t", " \t ", "   ");

/** Authorization headers that name a scheme but carry no valid credential. */
export const malformedAuthorization: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      "Token",
      "Bearer",
      "Basic",
      "token",
      "TOKEN",
      "bEaReR",
      "Token ",
      "Token  abc",
      "Token a b",
      "Token\tabc",
      "Token vst_",
      "Token vst_\u00ff",
      "Bearer vst_ vst_",
      "Basic !!!",
      "Basic abc",
      "Basic YQ",
      "Basic YWJj=",
      "Basic ====",
      `Basic ${base64("nocolon")}`,
      `Basic ${base64(":")}`,
      `Basic ${base64(":pw")}`,
      `Basic ${base64("user:")}`,
      `Basic ${base64(Buffer.from([0xff, 0xfe, 0x3a, 0xc0, 0xaf]))}`,
      `Basic ${base64(Buffer.from([0xc3, 0x28, 0x3a, 0x80]))}`,
      `Basic ${base64("a:b")} extra`,
      `Basic ${base64("\0:\0")}`,
    ),
    fc
      .tuple(fc.constantFrom("Token", "Bearer", "Basic", "token", "bearer", "basic"), spaces, hostileString)
      .map(([scheme, space, rest]) => `${scheme}${space}${rest}`),
    fc
      .tuple(fc.constantFrom("Token", "Bearer"), spaces, fc.constantFrom("✓", "ü", "😀", "vst_ﬁ", "Ａ"))
      .map(([scheme, space, rest]) => `${scheme}${space}${rest}`),
    fc
      .tuple(fc.constantFrom("Token", "Bearer", "Basic"), spaces, fc.integer({ min: 1000, max: CREDENTIAL_MAX - 16 }))
      .map(([scheme, space, length]) => `${scheme}${space}${"A".repeat(length)}`),
    fc
      .tuple(
        fc.string({ unit: "binary", maxLength: 20 }),
        fc.string({ unit: "binary", maxLength: 20 }),
        fc.constantFrom("", "!", " x"),
      )
      .map(([user, password, suffix]) => `Basic ${base64(`${user}:${password}`)}${suffix}`),
    fc.uint8Array({ maxLength: 24 }).map((bytes) => `Basic ${base64(Buffer.from(bytes))}`),
    fc.integer({ min: 1000, max: 4000 }).map((length) => `Basic ${base64(`${"u".repeat(length)}:pw`)}`),
  )
  .map((value) => headerSafe(value).slice(0, CREDENTIAL_MAX))
  // fetch trims header values: what names no scheme after that is not a malformed credential.
  .filter((value) => ["token", "bearer", "basic"].includes(value.trim().split(/\s+/)[0].toLowerCase()));

/** Authorization headers of other schemes, or of none: anonymity, not an error. */
export const foreignAuthorization: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      "Digest abc",
      "Negotiate",
      "NTLM TlRMTVNTUAAB",
      "Token=abc",
      "Bearer:abc",
      "Basic:abc",
      "Tokens abc",
      "Bear abc",
      "x",
    ),
    fc
      .tuple(fc.stringMatching(/^[A-Za-z]{1,8}$/), fc.string({ maxLength: 20 }))
      .map(([scheme, rest]) => `${scheme} ${rest}`),
  )
  .map(headerSafe)
  .filter(
    (value) =>
      value.trim() !== "" && !["token", "bearer", "basic"].includes(value.trim().split(/\s+/)[0].toLowerCase()),
  );

/** Placeholders in a path segment, replaced by ids of another user's token or session. */
export const OTHER_TOKEN = "{other-token}";
export const OTHER_SESSION = "{other-session}";

const MALFORMED_PERCENT = ["%", "%%", "a%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "%FF", "%C3"];

const wellFormedPiece = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .string({ unit: "binary", minLength: 1, maxLength: 12 })
      .map((text) => encodeURIComponent(text.toWellFormed())),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "a%2Fb",
      "%2F",
      "%2F..%2F..%2Fsession",
      "%5C",
      "%3F",
      "%23",
      "%00",
      "%20",
      "%C3%A9",
      "%EF%AC%81",
      ";x=1",
      "*",
      "null",
      "__proto__",
      "constructor",
      "0",
      "-1",
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: SEGMENT_MAX }).map((length) => "x".repeat(length)) },
  { weight: 1, arbitrary: fc.constantFrom(OTHER_TOKEN, OTHER_SESSION) },
);

// Dot segments are left out: URL parsing resolves them before sending, so they are not ids.
const segmentOf = (piece: fc.Arbitrary<string>) =>
  fc
    .array(piece, { minLength: 1, maxLength: 3 })
    .map((pieces) => pieces.join("").slice(0, SEGMENT_MAX))
    .filter((segment) => !/^(\.|%2e){1,2}$/i.test(segment));

/** An {id} path segment with valid percent-encoding, as it goes on the wire. */
export const wellFormedIdSegment: fc.Arbitrary<string> = segmentOf(wellFormedPiece);

/** An {id} path segment as it goes on the wire, broken escapes included ("%", "%ED%A0%80": a lone surrogate's bytes). */
export const idSegment: fc.Arbitrary<string> = segmentOf(
  fc.oneof({ weight: 6, arbitrary: wellFormedPiece }, { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_PERCENT) }),
);

let registrations = 0;

/** A valid registration of a username no other generated one uses. */
export const freshRegistration: fc.Arbitrary<HostileBody> = fc.constant(null).map(() => {
  registrations += 1;
  return body("registration", `{"username":"fresh${registrations}x","password":"Pw-hostile-${registrations}-q7"}`);
});

/** Values of X-Forwarded-Proto/-Host: plausible ones, and ones that make no URL. */
export const forwardedValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "h",
    "a b",
    "https",
    "http",
    "ftp",
    "evil.example",
    "evil.example:8443",
    "[",
    "%",
    "a:b",
    "127.0.0.1, 10.0.0.1",
    "https, http",
  ),
  hostileString.map((text) => headerSafe(text).trim()).filter((text) => text !== ""),
);

/** A valid registration (a new username each time), plus fields a client may not set: as own keys, duplicated, under `__proto__` and `constructor`. */
export const registrationWithPrivileges: fc.Arbitrary<HostileBody> = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom("a", "b", "Z", "7", "_", ".", "ﬁ", "Ａ", "é", "ß", "K"),
      minLength: 4,
      maxLength: 20,
    }),
    fc.subarray(["own", "__proto__", "constructor", "duplicate"], { minLength: 1 }),
    fc.constantFrom<unknown>(true, 1, "true", "1", "yes", "on"),
    fc.constantFrom("is_staff", "is_superuser", "is_active", "isStaff", "isSuperuser"),
  )
  .map(([name, places, value, flag]) => {
    registrations += 1;
    const username = `${name}hx${registrations}`;
    const privileges = objectText([
      [flag, value],
      ["is_staff", value],
      ["is_superuser", value],
      ["id", "admin"],
      ["date_joined", "2000-01-01T00:00:00.000Z"],
    ]);
    const entries: string[] = [`"username":${JSON.stringify(username)}`, `"password":"Pw-hostile-${registrations}-q7"`];
    if (places.includes("own")) entries.push(privileges.slice(1, -1));
    if (places.includes("__proto__")) entries.push(`"__proto__":${privileges}`);
    if (places.includes("constructor")) entries.push(`"constructor":{"prototype":${privileges}}`);
    if (places.includes("duplicate")) entries.push(`"is_staff":false,"is_staff":${JSON.stringify(value)}`);
    const text = `{${entries.join(",")}}`;
    return body("privileged registration", text);
  });

/** A query-string value as it goes on the wire: encoded hostile text, or raw broken escapes. */
const queryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map((text) => encodeURIComponent(text.slice(0, 400).toWellFormed())) },
  {
    weight: 2,
    arbitrary: hostileJson.map((value) => encodeURIComponent(JSON.stringify(value).slice(0, 400).toWellFormed())),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ...MALFORMED_PERCENT,
      "1",
      "2",
      "0",
      "-1",
      "1.5",
      "1e3",
      "999999999999",
      "%201%20",
      "1&page=2",
      "",
    ),
  },
);

export type HostileQuery = { text: string };

/** A query string (without "?") of up to three parameters, the staff search's among them, at most 4 KiB. */
export const hostileQuery: fc.Arbitrary<HostileQuery> = fc
  .array(fc.tuple(fc.constantFrom("search", "page", "search", "page", "x", "__proto__", "page[]"), queryValue), {
    maxLength: 3,
  })
  .map((pairs) => {
    const text = pairs
      .map(([name, value]) => `${name}=${value}`)
      .join("&")
      .slice(0, QUERY_MAX);
    return summarised({ text }, `query ${preview(text)}`);
  });

/** Up to two huge or odd request headers (8 KiB at most each; send() fits them into the head's budget). */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom(
        "user-agent",
        "cookie",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "x-vestibule-peer",
        "accept-language",
        "referer",
        "origin",
        "x-requested-with",
        "if-none-match",
        "accept",
      ),
      fc.oneof(
        hostileString,
        fc.integer({ min: 4000, max: HEADER_VALUE_MAX }).map((length) => "h".repeat(length)),
        fc.constantFrom(
          "127.0.0.1",
          "::1, 10.0.0.1",
          "https",
          "null",
          "http://evil.example",
          "a=b; vestibule.session=forged",
        ),
      ),
    ),
    { maxLength: 2, selector: ([name]) => name },
  )
  .map((pairs) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of pairs) {
      const safe = headerSafe(value).trim();
      if (safe) headers[name] = safe;
    }
    return summarised(
      headers,
      `headers ${
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${preview(value, 60)}`)
          .join(", ") || "(none)"
      }`,
    );
  });
