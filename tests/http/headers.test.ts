import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn, registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client, type ApiResponse } from "../support/client";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const HTTPS = { "x-forwarded-proto": "https" };
const SECURE_COOKIE = "__Host-vestibule.session";
const PLAIN_COOKIE = "vestibule.session";

// Two servers: one reached directly over http (the defaults, TRUST_PROXY=0), and one behind a
// trusted proxy that terminates https (TRUST_PROXY=1, X-Forwarded-Proto: https).
let plain: TestServer;
let proxied: TestServer;

before(async () => {
  [plain, proxied] = await Promise.all([
    startServer({ THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" }),
    startServer({ TRUST_PROXY: "1", THROTTLE_REGISTER: "1000/h", THROTTLE_LOGIN_ADDRESS: "1000/15m" }),
  ]);
});

after(async () => {
  await Promise.all([plain?.stop(), proxied?.stop()]);
});

/** The CSP's directives: name → its values. */
function directives(response: ApiResponse): Map<string, string[]> {
  const policy = response.headers.get("content-security-policy");
  assert.ok(policy, "no Content-Security-Policy");
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

function nonceOf(response: ApiResponse): string {
  const scriptSrc = directives(response).get("script-src") ?? [];
  const nonces = scriptSrc
    .filter((value) => /^'nonce-[^']+'$/.test(value))
    .map((value) => value.slice("'nonce-".length, -1));
  assert.equal(nonces.length, 1, `script-src: ${scriptSrc.join(" ")}`);
  return nonces[0];
}

function assertBaseline(response: ApiResponse): void {
  assert.deepEqual(directives(response).get("frame-ancestors"), ["'none'"]);
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.equal(response.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
}

/** The Set-Cookie line for `name`, and its attributes (lower-case names). */
function cookieLine(response: ApiResponse, name: string): { value: string; attributes: Map<string, string> } {
  const line = response.setCookies.find((candidate) => candidate.startsWith(`${name}=`));
  assert.ok(line, `no ${name} cookie in ${JSON.stringify(response.setCookies.map((cookie) => cookie.split("=")[0]))}`);
  const [pair, ...rest] = line.split(";");
  const attributes = new Map(
    rest.map((attribute) => {
      const [key, ...value] = attribute.trim().split("=");
      return [key.toLowerCase(), value.join("=")] as [string, string];
    }),
  );
  return { value: pair.slice(name.length + 1), attributes };
}

function sessionCookieNames(response: ApiResponse): string[] {
  return response.setCookies.map((line) => line.split("=")[0]).filter((name) => name.endsWith("vestibule.session"));
}

describe("Security headers over plain http", () => {
  it("gives a page a CSP whose script-src has a nonce and no 'unsafe-inline', and frame-ancestors 'none'", async () => {
    const page = await client(plain.url).get("/");
    assert.equal(page.status, 200, page.text);
    assertBaseline(page);
    const scriptSrc = directives(page).get("script-src") ?? [];
    assert.ok(!scriptSrc.includes("'unsafe-inline'"), scriptSrc.join(" "));
    assert.ok(!scriptSrc.includes("'unsafe-eval'"), scriptSrc.join(" "));
    assert.ok(!scriptSrc.includes("*"), scriptSrc.join(" "));
    assert.ok(nonceOf(page).length >= 16);
  });

  it("puts the header's nonce on every script of the page", async () => {
    const page = await client(plain.url).get("/");
    const nonce = nonceOf(page);
    const scripts = page.text.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0, "the page has no script");
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `a script without the nonce: ${tag}`);
  });

  it("uses a new nonce for every page load", async () => {
    const browser = client(plain.url);
    const first = nonceOf(await browser.get("/"));
    const second = nonceOf(await browser.get("/"));
    const third = nonceOf(await client(plain.url).get("/login"));
    assert.notEqual(first, second);
    assert.notEqual(second, third);
    assert.notEqual(first, third);
  });

  it("gives API responses a CSP, frame-ancestors 'none', nosniff and the referrer policy", async () => {
    for (const path of ["/api/session", "/api/me", "/api/no-such-endpoint"]) {
      const response = await client(plain.url).get(path);
      assert.match(response.headers.get("content-type") ?? "", /json/, path);
      assertBaseline(response);
    }
  });

  it("sends no Strict-Transport-Security over plain http", async () => {
    for (const path of ["/", "/api/session"]) {
      const response = await client(plain.url).get(path);
      assert.equal(response.headers.get("strict-transport-security"), null, path);
    }
  });

  it("ignores X-Forwarded-Proto: https from a client when no proxy is trusted (TRUST_PROXY=0)", async () => {
    for (const path of ["/", "/api/session"]) {
      const response = await client(plain.url).get(path, { headers: HTTPS });
      assert.equal(response.headers.get("strict-transport-security"), null, path);
    }
    const browser = client(plain.url);
    const response = await browser.post(
      "/api/register",
      { username: uniqueName("spoof"), password: strongPassword() },
      { headers: HTTPS },
    );
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(sessionCookieNames(response), [PLAIN_COOKIE]);
    assert.equal(cookieLine(response, PLAIN_COOKIE).attributes.has("secure"), false);
  });

  it("names the session cookie vestibule.session at login, HttpOnly, SameSite=Lax, Path=/, without Secure or Domain", async () => {
    const { username, password } = await registerAccount(client(plain.url));
    const browser = client(plain.url);
    const response = await logIn(browser, username, password);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(sessionCookieNames(response), [PLAIN_COOKIE]);
    const { value, attributes } = cookieLine(response, PLAIN_COOKIE);
    assert.ok(value.length >= 32);
    assert.ok(attributes.has("httponly"));
    assert.equal(attributes.get("samesite")?.toLowerCase(), "lax");
    assert.equal(attributes.get("path"), "/");
    assert.equal(attributes.has("secure"), false);
    assert.equal(attributes.has("domain"), false);
  });

  it("keeps those attributes when a page view renews the cookie", async () => {
    const browser = client(plain.url);
    await registerAccount(browser);
    const page = await browser.get("/");
    assert.equal(page.status, 200);
    const renewed = page.setCookies.filter((candidate) => candidate.startsWith(`${PLAIN_COOKIE}=`));
    assert.equal(renewed.length, 1, JSON.stringify(page.setCookies));
    for (const line of renewed) {
      assert.match(line, /;\s*HttpOnly/i);
      assert.match(line, /;\s*SameSite=Lax/i);
      assert.match(line, /;\s*Path=\//i);
      assert.doesNotMatch(line, /;\s*Secure/i);
    }
  });
});

describe("Behind a trusted https proxy (TRUST_PROXY=1, X-Forwarded-Proto: https)", () => {
  it("sends Strict-Transport-Security on pages and API responses", async () => {
    for (const path of ["/", "/api/session"]) {
      const response = await client(proxied.url).get(path, { headers: HTTPS });
      const hsts = response.headers.get("strict-transport-security");
      assert.ok(hsts, `no HSTS on ${path}`);
      const maxAge = /max-age=(\d+)/i.exec(hsts);
      assert.ok(maxAge && Number(maxAge[1]) > 0, hsts);
      assertBaseline(response);
    }
  });

  it("sends no Strict-Transport-Security for a plain http request through the same proxy", async () => {
    for (const headers of [{}, { "x-forwarded-proto": "http" }] as Array<Record<string, string>>) {
      const response = await client(proxied.url).get("/", { headers });
      assert.equal(response.headers.get("strict-transport-security"), null);
    }
  });

  it("names the session cookie __Host-vestibule.session at login: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
    const browser = client(proxied.url);
    const username = uniqueName("secure");
    const password = strongPassword();
    const registered = await browser.post("/api/register", { username, password }, { headers: HTTPS });
    assert.equal(registered.status, 201, registered.text);
    browser.clearCookies();

    const response = await logIn(browser, username, password, HTTPS);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(sessionCookieNames(response), [SECURE_COOKIE]);
    const { attributes } = cookieLine(response, SECURE_COOKIE);
    assert.ok(attributes.has("secure"));
    assert.ok(attributes.has("httponly"));
    assert.equal(attributes.get("samesite")?.toLowerCase(), "lax");
    assert.equal(attributes.get("path"), "/");
    assert.equal(attributes.has("domain"), false);

    const session = await browser.get("/api/session", { headers: HTTPS });
    assert.equal((session.json as { is_authenticated: boolean }).is_authenticated, true, session.text);
    assert.equal((session.json as { user: { username: string } }).user.username, username);
  });

  it("keeps Secure and the __Host- name when a page view renews the cookie", async () => {
    const browser = client(proxied.url);
    const registered = await browser.post(
      "/api/register",
      { username: uniqueName("renew"), password: strongPassword() },
      { headers: HTTPS },
    );
    assert.equal(registered.status, 201, registered.text);
    const page = await browser.get("/", { headers: HTTPS });
    assert.equal(page.status, 200);
    assert.ok(
      !page.setCookies.some((line) => line.startsWith(`${PLAIN_COOKIE}=`)),
      "an https page set the http cookie",
    );
    const renewed = page.setCookies.filter((candidate) => candidate.startsWith(`${SECURE_COOKIE}=`));
    assert.equal(renewed.length, 1, JSON.stringify(page.setCookies));
    for (const line of renewed) {
      assert.match(line, /;\s*Secure/i);
      assert.match(line, /;\s*HttpOnly/i);
      assert.match(line, /;\s*Path=\//i);
      assert.doesNotMatch(line, /;\s*Domain=/i);
    }
  });

  it("names the cookie vestibule.session, without Secure, for plain http through the same proxy", async () => {
    const response = await client(proxied.url).post("/api/register", {
      username: uniqueName("plain"),
      password: strongPassword(),
    });
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(sessionCookieNames(response), [PLAIN_COOKIE]);
    assert.equal(cookieLine(response, PLAIN_COOKIE).attributes.has("secure"), false);
  });
});

it("leaks no password, hash or session cookie", () => {
  assertNoSecretsLeaked(plain);
  assertNoSecretsLeaked(proxied);
});
