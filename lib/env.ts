import "server-only";
import { z } from "zod";
import { findAuthSecret } from "@/scripts/auth-secret.mjs";
import { providerOf, resolveDatabaseUrl } from "@/scripts/database-url.mjs";

// Every environment variable the app reads, validated once, with its default in one place (the
// database's and the secret's are in scripts/, shared with the scripts that run before Next.js).

export type Rate = { points: number; seconds: number };

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "5/15m" → 5 per 900 s; "10/h" → 10 per 3600 s (DRF's rate syntax, with an optional multiplier). */
export function parseRate(text: string): Rate {
  const match = /^(\d+)\/(\d*)([smhd])$/.exec(text.trim());
  if (!match) throw new Error(`Invalid rate "${text}": expected e.g. 5/15m, 10/h.`);
  const [, points, multiplier, unit] = match;
  return { points: Number(points), seconds: Number(multiplier || 1) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS] };
}

const rate = (fallback: string) => z.string().default(fallback).transform(parseRate);
const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "expected true or false" })
  .default("false")
  .transform((value) => ["true", "1", "yes", "on"].includes(value));
const wholeNumber = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .optional()
      .transform((given, context) => {
        const url = resolveDatabaseUrl({ DATABASE_URL: given });
        try {
          providerOf(url);
        } catch (error) {
          context.addIssue({ code: "custom", message: (error as Error).message });
        }
        return url;
      }),
    TRUSTED_ORIGINS: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((origin) => origin.trim().replace(/\/+$/, ""))
          .filter(Boolean),
      ),
    THROTTLE_LOGIN_USERNAME: rate("5/15m"),
    THROTTLE_LOGIN_ADDRESS: rate("20/15m"),
    THROTTLE_REGISTER: rate("10/h"),
    THROTTLE_PASSWORD_RESET: rate("5/h"),
    // Passkey sign-in challenges handed out per client address (each is a row until it expires).
    THROTTLE_PASSKEY_OPTIONS: rate("30/15m"),
    // Mails to one account, and to one recipient address, of each kind that a request can set off
    // (a verification link, an address-change link, a security notice).
    THROTTLE_MAIL: rate("5/h"),
    TRUST_PROXY: wholeNumber(0, 0, 10),
    // Django's SESSION_COOKIE_AGE: two weeks, in seconds.
    SESSION_MAX_AGE: wholeNumber(1_209_600, 60, 10 * 365 * 86400),
    BCRYPT_ROUNDS: wholeNumber(12, 4, 31),
    // Hashes that may wait for a thread before logins get a 503 (read by lib/passwords.ts);
    // unset: about three seconds of hashing work for this machine at BCRYPT_ROUNDS.
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(1).max(1_000_000).optional(),
    // Hashing threads of this process; unset: every core. `npm start` sets it for its workers so that
    // all of them together have about one per core (scripts/cluster.mjs).
    HASH_THREADS: z.coerce.number().int().min(1).max(256).optional(),
    // Audit rows older than this are deleted (lazily, with expired sessions).
    AUDIT_RETENTION_DAYS: wholeNumber(365, 1, 100 * 365),
    // Where the app is reached, for links in e-mails: never taken from a request's Host header,
    // which an attacker could set to send a victim a reset link to their own site.
    APP_URL: z.string().url().optional(),
    // `next start`'s own default port: only used here to make the default APP_URL.
    PORT: wholeNumber(3000, 1, 65535),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Vestibule <no-reply@localhost>"),
    // Django's PASSWORD_RESET_TIMEOUT is three days; an hour is kinder to a leaked inbox.
    PASSWORD_RESET_TIMEOUT: wholeNumber(3600, 60, 7 * 86400),
    // Django-allauth's EMAIL_CONFIRMATION_EXPIRE_DAYS is three days.
    EMAIL_VERIFY_TIMEOUT: wholeNumber(3 * 86400, 60, 30 * 86400),
    // Connections per instance to PostgreSQL; instances × pool size must stay under max_connections.
    DATABASE_POOL_SIZE: wholeNumber(10, 1, 1000),
    // Sign-in through other providers (lib/auth/providers.ts): each one is on when its id and
    // secret (and, for OpenID Connect, the issuer) are set, and off by default.
    AUTH_OIDC_ISSUER: z.string().url().optional(),
    AUTH_OIDC_ID: z.string().optional(),
    AUTH_OIDC_SECRET: z.string().optional(),
    AUTH_OIDC_NAME: z.string().default("OpenID Connect"),
    // The OpenID Connect provider's sign-in counts as the second factor too (it enforces its own).
    AUTH_OIDC_TRUSTED_MFA: flag,
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  })
  .superRefine((env, context) => {
    // Half a provider's settings is a mistake to report at start, not a button that fails later.
    const groups = {
      OIDC: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
      GITHUB: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      GOOGLE: ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
    } as const;
    for (const names of Object.values(groups)) {
      const set = names.filter((name) => env[name] !== undefined);
      if (set.length && set.length < names.length) {
        for (const name of names.filter((name) => env[name] === undefined))
          context.addIssue({ code: "custom", path: [name], message: `required with ${set.join(", ")}` });
      }
    }
  });

export type Config = z.infer<typeof schema> & {
  /**
   * Signs password-reset links and Auth.js's state. Read on use, not at import: `next build` and
   * the manage CLI load this module without needing it. The server checks it as it starts
   * (instrumentation.ts), so a missing secret stops the server, never signs with an empty key.
   */
  readonly AUTH_SECRET: string;
};

/** The settings from `env`, validated; throws one error naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "not set", as in a .env file with `NAME=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const data = parsed.data;
  const secret = findAuthSecret(present);
  return Object.defineProperties(
    { ...data, APP_URL: (data.APP_URL ?? `http://localhost:${data.PORT}`).replace(/\/+$/, "") },
    {
      AUTH_SECRET: {
        // Not enumerable: a spread or a logged config never carries it.
        enumerable: false,
        get() {
          if ("problem" in secret) throw new Error(secret.problem);
          return secret.secret;
        },
      },
    },
  ) as Config;
}

export const config: Config = loadConfig(process.env);
