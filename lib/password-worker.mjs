// Runs inside piscina's worker threads (see passwords.ts): bcrypt is pure CPU work,
// about a quarter of a second at cost 12, and on the main thread it would stall every request.
import bcrypt from "bcryptjs";
import { createHash } from "node:crypto";

// Django's BCryptSHA256PasswordHasher: bcrypt reads only 72 bytes, so it is fed the
// 64-character hex SHA-256 digest instead, and long passwords differ past byte 72.
function prehash(password) {
  return createHash("sha256").update(password, "utf8").digest("hex");
}

// The sync calls are faster here: this thread has nothing else to do while it hashes.
export function hash({ password, rounds }) {
  return bcrypt.hashSync(prehash(password), rounds);
}

export function compare({ password, hash: encoded }) {
  return bcrypt.compareSync(prehash(password), encoded);
}
