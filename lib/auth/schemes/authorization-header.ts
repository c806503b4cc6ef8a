import "server-only";

/**
 * DRF's get_authorization_header(...).split(): the Authorization header's words, or null when the
 * header is absent or names another scheme than `keywords`.
 */
export function authorizationWords(headers: Headers, keywords: readonly string[]): string[] | null {
  const words = (headers.get("authorization") ?? "").trim().split(/\s+/).filter(Boolean);
  if (!words.length || !keywords.includes(words[0].toLowerCase())) return null;
  return words;
}
