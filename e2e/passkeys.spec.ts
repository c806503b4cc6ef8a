import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { logInThroughForm, newPerson, registerThroughApi, type Person } from "./people";
import { startAppServer, type AppServer } from "./support/app-server";
import { setUpAuthenticatorApp, totp } from "./support/two-factor";

// Passkeys through Chromium's virtual authenticator (DevTools protocol). WebAuthn refuses an IP
// address as the relying party id, so this spec runs its own server at http://localhost:<port>.

// Whole sign-up, setup and login journeys: longer than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

let server: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAppServer({}, "localhost");
});

test.afterAll(async () => {
  await server?.stop();
});

const at = (path: string) => `${server.url}${path}`;

type Authenticator = { cdp: CDPSession; authenticatorId: string };

async function addVirtualAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

/** The authenticator's one passkey, put back with its signature counter at `signCount`. */
async function setSignCount({ cdp, authenticatorId }: Authenticator, signCount: (current: number) => number) {
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  const [credential] = credentials;
  await cdp.send("WebAuthn.removeCredential", { authenticatorId, credentialId: credential.credentialId });
  await cdp.send("WebAuthn.addCredential", {
    authenticatorId,
    credential: { ...credential, signCount: signCount(credential.signCount) },
  });
  return credential.signCount;
}

function passkeysSection(page: Page) {
  return page.getByRole("region", { name: "Passkeys" });
}

async function signedInPersonWithPasskey(page: Page): Promise<Person & { authenticator: Authenticator }> {
  const person = newPerson("passkey");
  await registerThroughApi(server.url, person);
  const authenticator = await addVirtualAuthenticator(page);
  await page.goto(at("/login?next=/account"));
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(at("/account"));
  const section = passkeysSection(page);
  await section.getByLabel("Passkey name").fill("Laptop");
  await section.getByRole("form", { name: "Add a passkey" }).getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByText("Passkey added.")).toBeVisible();
  await expect(section.getByRole("list", { name: "Passkeys" }).getByText("Laptop", { exact: true })).toBeVisible();
  return { ...person, authenticator };
}

async function signInWithPasskey(page: Page): Promise<void> {
  await page.context().clearCookies();
  await page.goto(at("/login?next=/account"));
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

test("a person adds a passkey and signs in with it alone", async ({ page }) => {
  const person = await signedInPersonWithPasskey(page);
  await page.context().clearCookies();
  await page.goto(at("/login?next=/account"));
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(at("/account"));
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
});

// A cloned authenticator shows up as a signature counter that does not move forward (WebAuthn §6.1.1).
test("a passkey whose signature counter does not move forward is refused", async ({ page }) => {
  const person = await signedInPersonWithPasskey(page);
  // One login first, so that the server holds a counter above zero (zero means "no counter").
  await signInWithPasskey(page);
  await expect(page).toHaveURL(at("/account"));
  // The authenticator signs with its counter plus one: the server's own counter again.
  const used = await setSignCount(person.authenticator, (current) => current - 1);
  expect(used).toBeGreaterThan(0);
  await signInWithPasskey(page);
  await expect(page.getByText("Unable to log in with provided credentials.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  // The same credential with a counter ahead of the server's is taken: the counter was the reason.
  await setSignCount(person.authenticator, (current) => current + 10);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(at("/account"));
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
});

test("a passkey completes the second step of a password login", async ({ page }) => {
  const person = await signedInPersonWithPasskey(page);
  await setUpAuthenticatorApp(page, person, (secret) => totp(secret));
  await page.context().clearCookies();
  await page.goto(at("/login?next=/account"));
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(at("/login/mfa?next=%2Faccount"));
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(at("/account"));
});

test("a person removes a passkey with the password, and it no longer signs them in", async ({ page }) => {
  const person = await signedInPersonWithPasskey(page);
  const section = passkeysSection(page);
  await section
    .getByRole("form", { name: "Remove the passkey Laptop" })
    .getByLabel("Your password")
    .fill(person.password);
  await section.getByRole("button", { name: "Remove the passkey Laptop" }).click();
  await expect(section.getByText("You have no passkeys.")).toBeVisible();
  await page.context().clearCookies();
  await page.goto(at("/login"));
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByText("Unable to log in with provided credentials.")).toBeVisible();
});
