// RFC 6238 written again for the tests, independently of lib/mfa/totp.ts (which the unit test pins
// to the RFC's vectors): SHA-1, six digits, 30-second steps.
import { createHmac } from "node:crypto";

function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

/** The code an authenticator app shows for `secret`, `offsetSteps` steps from now. */
export function totp(secret: string, offsetSteps = 0, now = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000) + offsetSteps));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = mac[19] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
