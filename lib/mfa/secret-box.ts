import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { config } from "@/lib/env";

// TOTP secrets at rest: AES-256-GCM under a key derived from AUTH_SECRET with HKDF, so a copy of
// the database alone does not let anyone compute a user's codes. "v1." names the scheme, so that
// a later key rotation can tell old ciphertexts apart.

const VERSION = "v1";
const INFO = "vestibule totp secret v1";

function key(): Buffer {
  if (!config.AUTH_SECRET) throw new Error("AUTH_SECRET is not set");
  return Buffer.from(hkdfSync("sha256", config.AUTH_SECRET, "", INFO, 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    data.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !data || !tag) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
