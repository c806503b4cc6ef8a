import { expect, test, type Page } from "@playwright/test";
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

async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

function passkeysSection(page: Page) {
  return page.getByRole("region", { name: "Passkeys" });
}

async function signedInPersonWithPasskey(page: Page): Promise<Person> {
  const person = newPerson("passkey");
  await registerThroughApi(server.url, person);
  await addVirtualAuthenticator(page);
  await page.goto(at("/login?next=/account"));
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(at("/account"));
  const section = passkeysSection(page);
  await section.getByLabel("Passkey name").fill("Laptop");
  await section.getByRole("form", { name: "Add a passkey" }).getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByText("Passkey added.")).toBeVisible();
  await expect(section.getByRole("list", { name: "Passkeys" }).getByText("Laptop", { exact: true })).toBeVisible();
  return person;
}

test("a person adds a passkey and signs in with it alone", async ({ page }) => {
  const person = await signedInPersonWithPasskey(page);
  await page.context().clearCookies();
  await page.goto(at("/login?next=/account"));
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
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
