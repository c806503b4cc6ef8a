import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { performance } from "node:perf_hooks";
import { config } from "./env";
import { closePasswordPool, hashPassword, isUsablePassword, unusablePassword, verifyPassword } from "./passwords";

after(() => closePasswordPool());

describe("hashPassword and verifyPassword", () => {
  it("stores a bcrypt_sha256 hash, never the password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    // At the configured cost: BCRYPT_ROUNDS, read once by lib/env.ts (12 unless set).
    const cost = String(config.BCRYPT_ROUNDS).padStart(2, "0");
    assert.match(stored, new RegExp(`^bcrypt_sha256\\$\\$2b\\$${cost}\\$[./A-Za-z0-9]{53}$`));
    assert.ok(!stored.includes("correct horse"));
    assert.equal(await verifyPassword("correct horse battery staple", stored), true);
  });

  it("hashes are salted (same password, two different hashes)", async () => {
    const [first, second] = await Promise.all([hashPassword("s3cret-pass"), hashPassword("s3cret-pass")]);
    assert.notEqual(first, second);
    assert.equal(await verifyPassword("s3cret-pass", second), true);
  });

  it("two passwords sharing their first 72 bytes are different passwords", async () => {
    const long = "x".repeat(72) + "12345678";
    assert.equal(Buffer.byteLength(long), 80);
    const stored = await hashPassword(long);
    assert.equal(await verifyPassword(long.slice(0, 72), stored), false);
    assert.equal(await verifyPassword(long, stored), true);
  });

  it("uses the password exactly as typed (no trimming, no case folding)", async () => {
    const stored = await hashPassword("Pässword 1");
    assert.equal(await verifyPassword("Pässword 1 ", stored), false);
    assert.equal(await verifyPassword("pässword 1", stored), false);
    assert.equal(await verifyPassword("Pässword 1", stored), true);
  });

  it("rejects a wrong password and an unknown user alike (null stored hash)", async () => {
    const stored = await hashPassword("the right one");
    assert.equal(await verifyPassword("the wrong one", stored), false);
    assert.equal(await verifyPassword("the right one", null), false);
  });

  it("rejects a hash of an unknown kind without erroring", async () => {
    assert.equal(await verifyPassword("test", "pbkdf2_sha256$870000$salt$aGFzaA=="), false);
    assert.equal(await verifyPassword("test", ""), false);
  });

  it("an unusable password matches no password, not even its own text", async () => {
    const stored = unusablePassword();
    assert.equal(isUsablePassword(stored), false);
    assert.equal(await verifyPassword(stored, stored), false);
    assert.equal(await verifyPassword(stored.slice(1), stored), false);
    assert.notEqual(unusablePassword(), stored);
  });

  it("accepts a hash stored by Django's BCryptSHA256PasswordHasher", async () => {
    // Django's format for "test" at cost 12, from a Django-compatible hasher's test suite.
    const fromDjango = "bcrypt_sha256$$2b$12$PpQIsCsElwF9xdT/dhH7Je0tb/xW0MctV.Yvd/zH3vicM5ZAOP85i";
    assert.equal(await verifyPassword("test", fromDjango), true);
    assert.equal(await verifyPassword("Test", fromDjango), false);
  });

  it("hashes at the cost asked for instead of BCRYPT_ROUNDS", async () => {
    assert.match(await hashPassword("a password", 5), /^bcrypt_sha256\$\$2b\$05\$/);
  });

  it("runs bcrypt off the main thread", async () => {
    await hashPassword("warm the pool up");
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const before = performance.eventLoopUtilization();
    try {
      await hashPassword("a password worth ~250 ms of bcrypt", 12);
    } finally {
      clearInterval(ticker);
    }
    // On the main thread the loop would be busy nearly the whole time; here it mostly waits.
    const { utilization } = performance.eventLoopUtilization(before);
    assert.ok(utilization < 0.5, `event loop was busy ${(utilization * 100).toFixed(0)}% of the hash`);
    assert.ok(ticks > 0, "timers never fired during the hash");
  });
});
