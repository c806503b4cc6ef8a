// Runs inside piscina's worker threads (see passwords.ts): bcrypt is pure CPU work,
// about a quarter of a second at cost 12, and on the main thread it would stall every request.
import bcrypt from "bcryptjs";
import { createHash } from "node:crypto";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

// Hashing is the one deliberately slow thing the server does. On Linux a thread can have its own
// nice value (setpriority on its thread id), so these threads give way to the event loop: reads
// stay fast while logins saturate every core. Elsewhere this is skipped and nothing else changes.
const BACKGROUND_NICENESS = 10;
try {
  const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  setPriority(threadId, BACKGROUND_NICENESS);
} catch {
  // Not Linux, or not allowed: the threads keep the default priority.
}

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
