export declare const SECRET_FILE: string;
export declare function findAuthSecret(
  env?: Record<string, string | undefined>,
): { secret: string } | { problem: string };
export declare function ensureSecret(env?: Record<string, string | undefined>): void;
