function fold(text: string): string {
  return text.trim().normalize("NFKC").toLowerCase().toUpperCase().toLowerCase().normalize("NFKC");
}

/**
 * The case-insensitive identity of a username, close to Python's casefold: trimmed and
 * NFKC-normalised, then lower → upper → lower (so "ß", "ẞ", "SS" and "ss" are one account), and
 * NFKC again, because case mapping can decompose ("ῢ" upper-cases to three code points). Repeated
 * until nothing moves (NFKC can make new edge spaces: "´" becomes a space and a combining accent),
 * so the key of a key is itself.
 */
export function usernameKey(username: string): string {
  let key = fold(username);
  for (let round = 0; round < 4; round++) {
    const next = fold(key);
    if (next === key) break;
    key = next;
  }
  return key;
}
