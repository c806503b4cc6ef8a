import { expect, test, type Browser, type Page } from "@playwright/test";
import { logInThroughForm, newPerson } from "./people";
import { signUpThroughApi, withEmail } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { openMailbox, type Mailbox } from "./support/mailbox";
import { totp } from "./support/two-factor";
import { startTestIdp, type TestIdp } from "../tests/support/oidc-idp";

// Signing in with another provider: a real OpenID Connect provider on 127.0.0.1
// (tests/support/oidc-idp.mjs) and an app server of this spec's own configured for it, so the
// other specs keep a server with no provider.

let idp: TestIdp;
let server: AppServer;
let mailbox: Mailbox;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  // Starting a server of its own (a new database, migrations) can take a while on a loaded machine.
  test.setTimeout(120_000);
  idp = await startTestIdp();
  mailbox = await openMailbox();
  server = await startAppServer({ ...idp.appEnv(), SMTP_URL: mailbox.smtpUrl });
});

test.afterAll(async () => {
  await server?.stop();
  await idp?.stop();
  await mailbox?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The provider's own pages: any login name and password (unless it remembers this browser), then consent. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  const name = page.getByPlaceholder("Enter any login");
  const consent = page.getByRole("button", { name: "Continue", exact: true });
  await expect(name.or(consent)).toBeVisible();
  if (await name.isVisible()) {
    await name.fill(login);
    await page.getByPlaceholder("and password").fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
  }
  await consent.click();
}

async function continueWithProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await signInAtProvider(page, login);
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

const connections = (page: Page) => page.getByRole("region", { name: "Connected accounts" });

/** The account page's "Connect Test IdP", with the password it asks for. */
async function connectWithPassword(page: Page, password: string): Promise<void> {
  const form = connections(page).getByRole("form", { name: "Connect a provider" });
  await form.getByLabel("Your password").fill(password);
  await form.getByRole("button", { name: "Connect Test IdP" }).click();
}

test("the first sign-in with a provider creates the account, the second finds it, and its session is revocable", async ({
  browser,
}) => {
  const login = `alice${unique()}`;
  const first = await newPage(browser);
  await continueWithProvider(first, login);
  await expect(first).toHaveURL(`${server.url}/`);
  await expect(first.getByText(`Signed in as ${login}`)).toBeVisible();
  const me = (await (await first.request.get(`${server.url}/api/me`)).json()) as {
    username: string;
    email: string;
    email_verified: boolean;
  };
  expect(me).toMatchObject({ username: login, email: `${login}@idp.example`, email_verified: true });

  // A second browser signs in with the same identity: the same account, not a new one.
  const second = await newPage(browser);
  await continueWithProvider(second, login);
  await expect(second.getByText(`Signed in as ${login}`)).toBeVisible();
  const list = (await (await second.request.get(`${server.url}/api/connections`)).json()) as Array<{
    provider: string;
  }>;
  expect(list.map((connection) => connection.provider)).toEqual(["oidc"]);

  // Its session is a session like any other: listed on /account, and revoked from there.
  await second.goto(`${server.url}/account`);
  const sessions = second.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await sessions
    .filter({ hasNotText: "This device" })
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(sessions).toHaveCount(1);
  await first.goto(`${server.url}/`);
  await expect(first.getByText("You are not signed in")).toBeVisible();

  // The provider is this account's only way in: it cannot be disconnected.
  await connections(second).getByRole("button", { name: "Disconnect Test IdP" }).click();
  await expect(connections(second).getByRole("alert")).toHaveText(
    "This is the account's last way to sign in. Set a password or connect another provider first.",
  );
  await expect(connections(second).getByRole("button", { name: "Disconnect Test IdP" })).toBeVisible();
});

test("a provider account whose e-mail address is an existing account's verified one does not sign in to it", async ({
  page,
}) => {
  const person = withEmail(newPerson("bob"));
  const api = await signUpThroughApi(server.url, person);
  const mail = await mailbox.next(person.email, "Confirm your e-mail address for Vestibule");
  const token = new URL(/https?:\/\/\S+\/email\/verify\?token=\S+/.exec(mail.text ?? "")?.[0] ?? "").searchParams.get(
    "token",
  );
  expect((await api.post("/api/email/verify", { data: { token } })).status()).toBe(200);

  await continueWithProvider(page, person.email.toUpperCase());
  await expect(page).toHaveURL(/\/login\?error=OAuthAccountNotLinked/);
  // Not Next.js's route announcer, an empty role="alert" of its own after a client-side navigation.
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "An account with this e-mail address already exists. Log in with your password, then connect this provider from your account page.",
  );
  expect(
    ((await (await page.request.get(`${server.url}/api/session`)).json()) as { is_authenticated: boolean })
      .is_authenticated,
  ).toBe(false);
  expect(await (await api.get("/api/connections")).json()).toEqual([]);
});

test("a signed-in person is offered no provider on /login, only the way to connect one", async ({ page }) => {
  const person = newPerson("erin");
  await signUpThroughApi(server.url, person);
  await page.goto(`${server.url}/login`);
  await expect(page.getByRole("button", { name: "Continue with Test IdP" })).toBeVisible();
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(`${server.url}/`);
  await page.goto(`${server.url}/login`);
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue with Test IdP" })).toHaveCount(0);
  await page.getByRole("link", { name: "your account page" }).click();
  await expect(page).toHaveURL(`${server.url}/account#connections`);
});

test("a signed-in person connects a provider on /account, signs in with it, and disconnects it", async ({
  browser,
  page,
}) => {
  const person = newPerson("carol");
  await signUpThroughApi(server.url, person);
  await page.goto(`${server.url}/login?next=/account`);
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(`${server.url}/account`);

  // The password first: a wrong one goes nowhere near the provider.
  await connectWithPassword(page, `${person.password}-wrong`);
  await expect(
    connections(page).getByText("Your password was entered incorrectly. Please enter it again."),
  ).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/account`);

  const identity = `carol-idp-${unique()}`;
  await connectWithPassword(page, person.password);
  await signInAtProvider(page, identity);
  await expect(page).toHaveURL(`${server.url}/account`);
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
  await expect(connections(page).getByRole("listitem")).toHaveText(/Test IdP/);

  // Another browser, no password: the provider signs in to the same account.
  const other = await newPage(browser);
  await continueWithProvider(other, identity);
  await expect(other.getByText(`Signed in as ${person.username}`)).toBeVisible();

  // The password is still a way in: the connection can go.
  await connections(page).getByRole("button", { name: "Disconnect Test IdP" }).click();
  await expect(connections(page).getByText("No connected accounts.")).toBeVisible();
  await expect(connections(page).getByRole("button", { name: "Connect Test IdP" })).toBeVisible();
  await expect(connections(page).getByLabel("Your password")).toBeVisible();

  // Signing in with that identity now makes a new account, not this one.
  const third = await newPage(browser);
  await continueWithProvider(third, identity);
  await expect(third.getByText(`Signed in as ${identity}`)).toBeVisible();
});

test("a person with an authenticator app is asked for a code after the provider", async ({ page }) => {
  const person = newPerson("dave");
  const api = await signUpThroughApi(server.url, person);
  await page.goto(`${server.url}/login?next=/account`);
  await logInThroughForm(page, person);
  await connectWithPassword(page, person.password);
  const identity = `dave-idp-${unique()}`;
  await signInAtProvider(page, identity);
  await expect(connections(page).getByRole("listitem")).toHaveText(/Test IdP/);

  const setup = (await (await api.post("/api/mfa/totp", { data: { password: person.password } })).json()) as {
    secret: string;
  };
  const confirmed = (await (
    await api.post("/api/mfa/totp/confirm", { data: { code: totp(setup.secret) } })
  ).json()) as { recovery_codes: string[] };
  await page.goto(`${server.url}/`);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are not signed in")).toBeVisible();

  await page.goto(`${server.url}/login`);
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/") || url.pathname === "/login/mfa");
  if (page.url().includes("/interaction/")) await signInAtProvider(page, identity);
  await expect(page).toHaveURL(`${server.url}/login/mfa`);
  expect(
    ((await (await page.request.get(`${server.url}/api/session`)).json()) as { is_authenticated: boolean })
      .is_authenticated,
  ).toBe(false);
  await page.getByRole("link", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(confirmed.recovery_codes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
});
