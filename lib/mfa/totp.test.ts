import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base32Decode, base32Encode, hotp, matchingStep, otpauthUri, stepAt, totpCode } from "@/lib/mfa/totp";

// RFC 6238 appendix B, SHA-1 rows: the key is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("matches every SHA-1 test vector of RFC 6238", () => {
    for (const [seconds, expected] of RFC_VECTORS)
      assert.equal(hotp(RFC_KEY, stepAt(seconds * 1000), 8), expected, `T=${seconds}`);
  });

  it("gives the six-digit code apps show (the vector's last six digits)", () => {
    const secret = base32Encode(RFC_KEY);
    assert.equal(totpCode(secret, 59_000), "287082");
  });

  it("round-trips base32 and ignores case, spaces and padding", () => {
    const secret = base32Encode(RFC_KEY);
    assert.equal(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert.deepEqual(base32Decode(secret.toLowerCase().replace(/(.{4})/g, "$1 ") + "===="), RFC_KEY);
  });

  it("accepts one step of drift either way and no more, and says which step matched", () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_111_111_111_000;
    const step = stepAt(now);
    assert.equal(matchingStep(secret, totpCode(secret, now), now), step);
    assert.equal(matchingStep(secret, totpCode(secret, now - 30_000), now), step - 1);
    assert.equal(matchingStep(secret, totpCode(secret, now + 30_000), now), step + 1);
    assert.equal(matchingStep(secret, totpCode(secret, now - 60_000), now), null);
    assert.equal(matchingStep(secret, totpCode(secret, now + 60_000), now), null);
  });

  it("refuses anything but six digits", () => {
    const secret = base32Encode(RFC_KEY);
    for (const code of ["", "12345", "1234567", "abcdef", " 287082"])
      assert.equal(matchingStep(secret, code, 59_000), null, code);
  });

  it("writes an otpauth URI with the issuer, account and parameters apps read", () => {
    const text = otpauthUri("ABC", "alice smith", "Vestibule");
    assert.ok(text.startsWith("otpauth://totp/Vestibule:alice%20smith?"), text);
    const uri = new URL(text);
    assert.equal(uri.searchParams.get("secret"), "ABC");
    assert.equal(uri.searchParams.get("issuer"), "Vestibule");
    assert.equal(uri.searchParams.get("digits"), "6");
    assert.equal(uri.searchParams.get("period"), "30");
  });
});
