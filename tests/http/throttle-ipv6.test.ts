import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, strongPassword, uniqueName } from "../support/accounts";
import { client } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

// An IPv6 client holds a whole /64 and can pick a new address for every request: per-address
// limits count it by its /64. A trusted proxy (TRUST_PROXY=1) names the client here, as nginx
// would, so that the test can speak for addresses this machine does not have.

const WINDOW_SECONDS = 15 * 60;
const HOUR = 3600;
const LIMIT = 3;

let server: TestServer;

before(async () => {
  server = await startServer({
    TRUST_PROXY: "1",
    THROTTLE_LOGIN_ADDRESS: `${LIMIT}/15m`,
    THROTTLE_LOGIN_USERNAME: "1000/15m",
    THROTTLE_REGISTER: `${LIMIT}/h`,
  });
});

after(async () => {
  await server?.stop();
});

const from = (address: string) => ({ "x-forwarded-for": address });

describe("Per-address throttles and IPv6", () => {
  it("counts failed logins from every address of one /64 together", async () => {
    for (let attempt = 1; attempt <= LIMIT; attempt += 1) {
      const response = await logIn(
        client(server.url),
        uniqueName("guess"),
        strongPassword(),
        from(`2001:db8:1:2::${attempt}`),
      );
      assert.equal(response.status, 400, `attempt ${attempt}: ${response.text}`);
    }
    assertThrottled(
      await logIn(client(server.url), uniqueName("guess"), strongPassword(), from("2001:db8:1:2:ffff:ffff:ffff:ffff")),
      WINDOW_SECONDS,
    );
    assertThrottled(
      await logIn(client(server.url), uniqueName("guess"), strongPassword(), from("2001:DB8:1:2:0:0:0:abcd")),
      WINDOW_SECONDS,
    );
  });

  it("leaves the neighbouring /64 alone", async () => {
    const response = await logIn(client(server.url), uniqueName("guess"), strongPassword(), from("2001:db8:1:3::1"));
    assert.equal(response.status, 400, response.text);
  });

  it("counts IPv4 addresses one by one, and IPv4-mapped IPv6 as the IPv4 address", async () => {
    for (let attempt = 1; attempt <= LIMIT; attempt += 1) {
      const response = await logIn(client(server.url), uniqueName("guess"), strongPassword(), from("198.51.100.20"));
      assert.equal(response.status, 400, `attempt ${attempt}: ${response.text}`);
    }
    assertThrottled(
      await logIn(client(server.url), uniqueName("guess"), strongPassword(), from("::ffff:198.51.100.20")),
      WINDOW_SECONDS,
    );
    const neighbour = await logIn(client(server.url), uniqueName("guess"), strongPassword(), from("198.51.100.21"));
    assert.equal(neighbour.status, 400, neighbour.text);
  });

  it("counts registrations from one /64 together", async () => {
    for (let attempt = 1; attempt <= LIMIT; attempt += 1) {
      const response = await client(server.url).post(
        "/api/register",
        { username: uniqueName(), password: strongPassword() },
        { headers: from(`2001:db8:9:9::${attempt}`) },
      );
      assert.equal(response.status, 201, `registration ${attempt}: ${response.text}`);
    }
    assertThrottled(
      await client(server.url).post(
        "/api/register",
        { username: uniqueName(), password: strongPassword() },
        { headers: from("2001:db8:9:9:1::1") },
      ),
      HOUR,
    );
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
