// Steps that the second-factor tests share: turn an authenticator app on, start a two-step login.
import assert from "node:assert/strict";
import type { Client } from "./client";
import { remember } from "./secrets";
import { totp } from "./totp";

/** `confirmedAt`: the moment whose code confirmed the setup (that code is now spent). */
export type Enabled = { secret: string; recoveryCodes: string[]; confirmedAt: number };

/** Sets up and confirms TOTP for the logged-in `browser`; returns the secret and recovery codes. */
export async function enableTotp(browser: Client, password: string): Promise<Enabled> {
  const setup = await browser.post("/api/mfa/totp", { password });
  assert.equal(setup.status, 200, setup.text);
  const { secret } = setup.json as { secret: string };
  const confirmedAt = Date.now();
  const confirmed = await browser.post("/api/mfa/totp/confirm", { code: totp(secret, 0, confirmedAt) });
  assert.equal(confirmed.status, 200, confirmed.text);
  const recoveryCodes = (confirmed.json as { recovery_codes: string[] }).recovery_codes;
  return { secret, recoveryCodes, confirmedAt };
}

/** POST /api/login for a user with a second factor: asserts the ticket answer, returns the ticket. */
export async function startLogin(browser: Client, username: string, password: string): Promise<string> {
  const response = await browser.post("/api/login", { username, password });
  assert.equal(response.status, 200, response.text);
  const body = response.json as { mfa_required: boolean; ticket: string; methods: string[] };
  assert.equal(body.mfa_required, true, response.text);
  remember(body.ticket, { issued: true });
  return body.ticket;
}
