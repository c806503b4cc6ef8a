import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "./env";

describe("loadConfig", () => {
  it("gives every setting its default when nothing is set", () => {
    const config = loadConfig({});
    assert.equal(config.BCRYPT_ROUNDS, 12);
    assert.equal(config.PORT, 3000);
    assert.equal(config.APP_URL, "http://localhost:3000");
    assert.deepEqual(config.THROTTLE_LOGIN_USERNAME, { points: 5, seconds: 900 });
    assert.match(config.DATABASE_URL, /^file:\/.*data\/vestibule\.db$/);
  });

  it("treats an empty variable as unset", () => {
    assert.equal(loadConfig({ BCRYPT_ROUNDS: "", PORT: "" }).BCRYPT_ROUNDS, 12);
  });

  it("refuses a BCRYPT_ROUNDS outside bcrypt's 4..31, naming the variable", () => {
    for (const bad of ["3", "32", "twelve", "10.5"]) {
      assert.throws(() => loadConfig({ BCRYPT_ROUNDS: bad }), /Invalid configuration: BCRYPT_ROUNDS: /);
    }
    assert.equal(loadConfig({ BCRYPT_ROUNDS: "4" }).BCRYPT_ROUNDS, 4);
  });

  it("refuses a DATABASE_URL that is neither SQLite nor PostgreSQL", () => {
    assert.throws(() => loadConfig({ DATABASE_URL: "mysql://db/app" }), /Invalid configuration: DATABASE_URL: /);
  });

  it("takes AUTH_SECRET from the environment", () => {
    assert.equal(loadConfig({ AUTH_SECRET: "from-the-environment" }).AUTH_SECRET, "from-the-environment");
  });

  it("refuses to hand out a missing secret on PostgreSQL instead of an empty key", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://db.internal/vestibule", AUTH_SECRET: "" });
    assert.throws(() => config.AUTH_SECRET, /AUTH_SECRET must be set when DATABASE_URL is PostgreSQL/);
  });

  it("never carries the secret in a copy or a log line of the settings", () => {
    const config = loadConfig({ AUTH_SECRET: "do-not-print-me" });
    assert.ok(!JSON.stringify({ ...config }).includes("do-not-print-me"));
  });
});
