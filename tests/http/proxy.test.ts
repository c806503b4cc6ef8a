import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, sessionOf, strongPassword, uniqueName } from "../support/accounts";
import { client, type ApiResponse } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";
import { assertThrottled } from "../support/throttled";

const WINDOW_SECONDS = 15 * 60;

let server: TestServer;

before(async () => {
  // Behind one trusted proxy, the client is the address that proxy appended to X-Forwarded-For.
  // A small address limit keeps the file short; the username limit is out of the way.
  server = await startServer({
    TRUST_PROXY: "1",
    THROTTLE_LOGIN_ADDRESS: "3/15m",
    THROTTLE_LOGIN_USERNAME: "1000/15m",
  });
});

after(async () => {
  await server?.stop();
});

async function failFrom(forwardedFor: string, times: number): Promise<void> {
  for (let attempt = 1; attempt <= times; attempt += 1) {
    const response = await logIn(client(server.url), uniqueName("guess"), strongPassword(), {
      "x-forwarded-for": forwardedFor,
    });
    assert.equal(response.status, 400, `attempt ${attempt} from ${forwardedFor}: ${response.text}`);
  }
}

describe("Login throttling per client address with TRUST_PROXY=1", () => {
  it("counts failures against the X-Forwarded-For address, not the proxy's", async () => {
    const { username, password } = await registerAccount(client(server.url));
    await failFrom("203.0.113.10", 3);
    assertThrottled(
      await logIn(client(server.url), username, password, { "x-forwarded-for": "203.0.113.10" }),
      WINDOW_SECONDS,
    );
    // Another client behind the same proxy, and the proxy itself, are not locked out.
    assert.equal(
      (await logIn(client(server.url), username, password, { "x-forwarded-for": "203.0.113.11" })).status,
      200,
    );
    assert.equal((await logIn(client(server.url), username, password)).status, 200);
  });

  it("believes only the hop the proxy added: a forged left-most address does not dodge the limit", async () => {
    const { username, password } = await registerAccount(client(server.url));
    await failFrom("203.0.113.20", 3);
    assertThrottled(
      await logIn(client(server.url), username, password, { "x-forwarded-for": "10.9.8.7, 203.0.113.20" }),
      WINDOW_SECONDS,
    );
    assertThrottled(
      await logIn(client(server.url), username, password, { "x-forwarded-for": "192.0.2.1,203.0.113.20" }),
      WINDOW_SECONDS,
    );
  });

  it("counts every address of a forged chain as the same last hop", async () => {
    const { username, password } = await registerAccount(client(server.url));
    for (const forged of ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) await failFrom(`${forged}, 203.0.113.30`, 1);
    assertThrottled(
      await logIn(client(server.url), username, password, { "x-forwarded-for": "203.0.113.30" }),
      WINDOW_SECONDS,
    );
  });
});

/** The session cookie's Set-Cookie line, whatever prefix https gives its name. */
function sessionCookieLine(response: ApiResponse): string | undefined {
  return response.setCookies.find((line) => /^(__Host-|__Secure-)?vestibule\.session=/.test(line));
}

describe("Behind a trusted https proxy (TRUST_PROXY=1, X-Forwarded-Proto: https)", () => {
  const PUBLIC_HOST = "auth.example.com";
  const httpsHeaders = {
    "x-forwarded-proto": "https",
    "x-forwarded-host": PUBLIC_HOST,
    "x-forwarded-for": "203.0.113.50",
  };

  it("marks the session cookie Secure (and still HttpOnly, SameSite=Lax)", async () => {
    const browser = client(server.url);
    const response = await browser.post(
      "/api/register",
      { username: uniqueName("secure"), password: strongPassword() },
      { headers: httpsHeaders },
    );
    assert.equal(response.status, 201, response.text);
    const line = sessionCookieLine(response);
    assert.ok(line, JSON.stringify(response.setCookies));
    assert.match(line, /;\s*Secure/i);
    assert.match(line, /;\s*HttpOnly/i);
    assert.match(line, /;\s*SameSite=Lax/i);
  });

  it("does not mark the cookie Secure for a plain http request through the proxy", async () => {
    const response = await client(server.url).post(
      "/api/register",
      { username: uniqueName("plain"), password: strongPassword() },
      { headers: { "x-forwarded-proto": "http" } },
    );
    assert.equal(response.status, 201, response.text);
    const line = sessionCookieLine(response);
    assert.ok(line, JSON.stringify(response.setCookies));
    assert.doesNotMatch(line, /;\s*Secure/i);
  });

  it("treats the public https origin the proxy reports as the app's own, and others as foreign", async () => {
    const browser = client(server.url);
    const username = uniqueName("public");
    const password = strongPassword();
    const origin = `https://${PUBLIC_HOST}`;
    const registered = await browser.post(
      "/api/register",
      { username, password },
      { headers: { ...httpsHeaders, origin } },
    );
    assert.equal(registered.status, 201, registered.text);
    const line = sessionCookieLine(registered);
    assert.ok(line);
    const cookie = line.split(";")[0];
    const cookieHeaders = { ...httpsHeaders, cookie };
    const session = await browser.get("/api/session", { headers: cookieHeaders });
    assert.equal((session.json as { is_authenticated: boolean }).is_authenticated, true, session.text);

    const foreign = await browser.post("/api/logout", undefined, {
      headers: { ...cookieHeaders, origin: "https://evil.example" },
    });
    assert.equal(foreign.status, 403, foreign.text);
    const downgraded = await browser.post("/api/logout", undefined, {
      headers: { ...cookieHeaders, origin: `http://${PUBLIC_HOST}` },
    });
    assert.equal(downgraded.status, 403, downgraded.text);

    const own = await browser.post("/api/logout", undefined, { headers: { ...cookieHeaders, origin } });
    assert.equal(own.status, 200, own.text);
    const after = await browser.get("/api/session", { headers: cookieHeaders });
    assert.equal((after.json as { is_authenticated: boolean }).is_authenticated, false);
    assert.equal((await sessionOf(client(server.url))).is_authenticated, false);
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(server);
});
