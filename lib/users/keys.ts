/**
 * The case-insensitive identity of a username: trimmed, NFKC-normalised, then case-folded
 * (upper then lower, so "Straße" and "STRASSE" are one account, as Python's casefold does).
 */
export function usernameKey(username: string): string {
  return username.trim().normalize("NFKC").toUpperCase().toLowerCase();
}
