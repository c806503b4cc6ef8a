import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { registerAccount } from "../support/accounts";
import { client } from "../support/client";
import { enableTotp, startLogin } from "../support/mfa";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

// What HTTP alone can check of passkeys: options, refusals and ownership. The ceremonies with a
// real authenticator are in e2e/passkeys.spec.ts (Chromium's virtual authenticator).

let server: TestServer;

before(async () => {
  server = await startServer({ THROTTLE_REGISTER: "1000/h" });
});

after(async () => {
  assertNoSecretsLeaked(server);
  await server?.stop();
});

type CreationOptions = {
  challenge: string;
  rp: { id: string; name: string };
  user: { name: string };
  authenticatorSelection: { residentKey: string; userVerification: string };
};
type RequestOptions = { challenge: string; rpId: string; userVerification: string; allowCredentials?: unknown[] };

describe("adding passkeys", () => {
  it("gives creation options for a discoverable credential with user verification, after the password", async () => {
    const browser = client(server.url);
    const { username, password } = await registerAccount(browser);
    assert.equal((await browser.post("/api/passkeys/options", { password: "wrong-password" })).status, 400);
    const response = await browser.post("/api/passkeys/options", { password });
    assert.equal(response.status, 200, response.text);
    const options = response.json as CreationOptions;
    assert.equal(options.rp.id, new URL(server.url).hostname);
    assert.equal(options.user.name, username);
    assert.deepEqual(
      [options.authenticatorSelection.residentKey, options.authenticatorSelection.userVerification],
      ["required", "required"],
    );
    assert.match(options.challenge, /^[A-Za-z0-9_-]{20,}$/);
  });

  it("refuses an attestation that is not one", async () => {
    const browser = client(server.url);
    const { password } = await registerAccount(browser);
    await browser.post("/api/passkeys/options", { password });
    const response = await browser.post("/api/passkeys", {
      credential: { id: "abc", rawId: "abc", type: "public-key", response: {} },
      name: "Laptop",
    });
    assert.equal(response.status, 400, response.text);
    assert.deepEqual(response.json, { credential: ["This passkey could not be verified."] });
    assert.deepEqual((await browser.get("/api/passkeys")).json, []);
  });

  it("answers 404 for removing a passkey that is not the caller's", async () => {
    const browser = client(server.url);
    const { password } = await registerAccount(browser);
    assert.equal((await browser.request("DELETE", "/api/passkeys/nope", { password })).status, 404);
  });

  it("needs authentication", async () => {
    const anonymous = client(server.url);
    assert.equal((await anonymous.get("/api/passkeys")).status, 401);
    assert.equal((await anonymous.post("/api/passkeys/options", { password: "x" })).status, 401);
    assert.equal((await anonymous.post("/api/passkeys", { credential: {} })).status, 401);
  });
});

describe("signing in with a passkey", () => {
  it("gives request options for any discoverable credential, user verification required", async () => {
    const response = await client(server.url).post("/api/login/passkey/options");
    assert.equal(response.status, 200, response.text);
    const options = response.json as RequestOptions;
    assert.equal(options.rpId, new URL(server.url).hostname);
    assert.equal(options.userVerification, "required");
    assert.deepEqual(options.allowCredentials ?? [], []);
  });

  it("refuses an unknown credential with the login's generic error", async () => {
    const response = await client(server.url).post("/api/login/passkey", {
      credential: { id: "unknown", rawId: "unknown", type: "public-key", response: {} },
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.json, { non_field_errors: ["Unable to log in with provided credentials."] });
  });

  it("gives second-step options only for a live ticket", async () => {
    const owner = client(server.url);
    const { username, password } = await registerAccount(owner);
    await enableTotp(owner, password);
    const bad = await client(server.url).post("/api/login/mfa/passkey-options", { ticket: "made-up" });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { ticket: ["Invalid or expired ticket."] });
    const ticket = await startLogin(client(server.url), username, password);
    const good = await client(server.url).post("/api/login/mfa/passkey-options", { ticket });
    assert.equal(good.status, 200, good.text);
    assert.equal((good.json as RequestOptions).userVerification, "required");
  });
});
