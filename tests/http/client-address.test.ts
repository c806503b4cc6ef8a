import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

// The client address is the TCP peer's, however the server was started: lib/client-address.cjs
// records it in x-vestibule-peer with a per-process nonce, and a header a client sends itself is
// never believed. Started with `next start` by hand (no npm start), it used to be.

const WINDOW_SECONDS = 15 * 60;
const LIMIT = 3;

// What a client might send to pose as another address, one per request.
const FORGED: Array<Record<string, string>> = [
  { "x-vestibule-peer": "198.51.100.1" },
  { "X-Vestibule-Peer": "198.51.100.2" },
  { "x-vestibule-peer": "00000000000000000000000000000000 198.51.100.3" },
  { "x-vestibule-peer": "198.51.100.4, 198.51.100.5", "x-forwarded-for": "198.51.100.6" },
  { "x-vestibule-peer": "::ffff:198.51.100.7" },
];

for (const [how, direct] of [
  ["started with `next start` directly", true],
  ["started with `npm start`", false],
] as const) {
  describe(`A server ${how}`, () => {
    let server: TestServer;

    before(async () => {
      server = await startServer(
        { THROTTLE_LOGIN_ADDRESS: `${LIMIT}/15m`, THROTTLE_LOGIN_USERNAME: "1000/15m" },
        undefined,
        { direct },
      );
    });

    after(async () => {
      await server?.stop();
    });

    it("throttles a client by its real address, whatever x-vestibule-peer it sends", async () => {
      for (let attempt = 1; attempt <= LIMIT; attempt += 1) {
        const response = await logIn(client(server.url), uniqueName("guess"), strongPassword(), FORGED[attempt - 1]);
        assert.equal(response.status, 400, `attempt ${attempt}: ${response.text}`);
      }
      for (const headers of FORGED)
        assertThrottled(
          await logIn(client(server.url), uniqueName("guess"), strongPassword(), headers),
          WINDOW_SECONDS,
        );
    });

    it("leaks no password, hash or session cookie", () => {
      assertNoSecretsLeaked(server);
    });
  });
}
