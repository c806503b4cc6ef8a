import assert from "node:assert/strict";
import { setCookieLine, type ApiResponse } from "./client";
import { withDb } from "./db";

/** The contract's 429: Retry-After in whole seconds, and the same number in the message. */
export function assertThrottled(response: ApiResponse, maxSeconds: number): void {
  assert.equal(response.status, 429, response.text);
  const header = response.headers.get("retry-after");
  assert.match(header ?? "", /^\d+$/, `Retry-After: ${header}`);
  const seconds = Number(header);
  assert.ok(seconds >= 1 && seconds <= maxSeconds, `Retry-After ${seconds} is not within 1..${maxSeconds}`);
  assert.deepEqual(response.json, { detail: `Request was throttled. Expected available in ${seconds} seconds.` });
  assert.equal(setCookieLine(response), undefined, "a throttled request set a session cookie");
}

/** The failures counted on the server's per-address login counter (one client address in the test). */
export function loginAddressPoints(server: { databasePath: string }): number {
  return (
    withDb(server.databasePath, (database) =>
      database.get<{ failures: number }>(`SELECT "failures" FROM "LoginCounter" WHERE "key" LIKE 'login-address:%'`),
    )?.failures ?? 0
  );
}

/**
 * A server's throttles for the login-flood tests: a username locks after 3 failures and an
 * address after LOGIN_FLOOD.addressLimit attempts, each for LOGIN_FLOOD.windowSeconds;
 * registration is left all but open, since the tests register their accounts from one address.
 */
export const LOGIN_FLOOD = {
  addressLimit: 8,
  windowSeconds: 15 * 60,
  settings: { THROTTLE_LOGIN_USERNAME: "3/15m", THROTTLE_LOGIN_ADDRESS: "8/15m", THROTTLE_REGISTER: "1000/h" },
} as const;
