import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { logInThroughForm, newPerson, type Person } from "./people";
import { signUpThroughApi, withEmail } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { openMailbox, resetLink, type Mailbox } from "./support/mailbox";
import { startTestIdp, type TestIdp } from "../tests/support/oidc-idp";

// "Review your ways in": after a password reset, "log out everywhere" or the first verification of
// an address, the account page lists the provider connections and passkeys made before it, to
// keep or remove. A real OpenID Connect provider (tests/support/oidc-idp.mjs), a mailbox, and
// Chromium's virtual authenticator; WebAuthn refuses an IP address, so the server is on localhost.

let idp: TestIdp;
let mailbox: Mailbox;
let server: AppServer;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  idp = await startTestIdp();
  mailbox = await openMailbox();
  server = await startAppServer({ ...idp.appEnv(), SMTP_URL: mailbox.smtpUrl }, "localhost");
});

test.afterAll(async () => {
  await server?.stop();
  await idp?.stop();
  await mailbox?.close();
});

const at = (path: string) => `${server.url}${path}`;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const review = (page: Page) => page.getByRole("region", { name: "Review your ways in" });
const connections = (page: Page) => page.getByRole("region", { name: "Connected accounts" });

async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto(at("/login?next=/account"));
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(at("/account"));
}

/** "Connect Test IdP" with the password, through the provider's own pages, back to /account. */
async function connectProvider(page: Page, person: Person): Promise<void> {
  const form = connections(page).getByRole("form", { name: "Connect a provider" });
  await form.getByLabel("Your password").fill(person.password);
  await form.getByRole("button", { name: "Connect Test IdP" }).click();
  await page.getByPlaceholder("Enter any login").fill(`${person.username}-idp-${unique()}`);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(at("/account"));
  await expect(connections(page).getByRole("listitem")).toHaveText(/Test IdP/);
}

async function addPasskey(page: Page, person: Person, name: string): Promise<void> {
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
  const section = page.getByRole("region", { name: "Passkeys" });
  await section.getByLabel("Passkey name").fill(name);
  await section.getByRole("form", { name: "Add a passkey" }).getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByText("Passkey added.")).toBeVisible();
}

function verifyLink(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/email\/verify\?token=\S+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`No verification link in:\n${mail.text}`);
  return link;
}

async function confirmAddress(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByRole("status")).toHaveText("E-mail address verified.");
}

test("after “log out everywhere” the account page lists the ways in made before it, to remove or keep", async ({
  page,
}) => {
  const person = newPerson("rita");
  const api = await signUpThroughApi(server.url, person);
  await signIn(page, person);
  await addPasskey(page, person, "Laptop");
  await connectProvider(page, person);
  await expect(review(page)).toHaveCount(0);

  expect((await api.post("/api/logout", { data: { all: true } })).status()).toBe(200);
  await signIn(page, person);
  await expect(review(page).getByRole("listitem")).toHaveText([/Test IdP/, /Laptop/]);

  // Removing one there disconnects it; the panel stays for the rest.
  await review(page).getByRole("button", { name: "Remove Test IdP" }).click();
  await expect(review(page).getByRole("listitem")).toHaveText([/Laptop/]);
  await expect(connections(page).getByText("No connected accounts.")).toBeVisible();

  // Keeping the rest closes the review; the passkey stays.
  await review(page).getByRole("button", { name: "Keep these" }).click();
  await expect(review(page)).toHaveCount(0);
  await page.reload();
  await expect(review(page)).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Passkeys" }).getByText("Laptop", { exact: true })).toBeVisible();
});

test("a passkey in the review is removed with the password, as on the passkey list", async ({ page }) => {
  const person = newPerson("sam");
  const api = await signUpThroughApi(server.url, person);
  await signIn(page, person);
  await addPasskey(page, person, "Phone");
  expect((await api.post("/api/logout", { data: { all: true } })).status()).toBe(200);
  await signIn(page, person);
  const item = review(page).getByRole("form", { name: "Remove the passkey Phone" });
  await item.getByLabel("Your password").fill(person.password);
  await item.getByRole("button", { name: "Remove the passkey Phone" }).click();
  await expect(review(page)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Passkeys" }).getByText("You have no passkeys.")).toBeVisible();
});

test("after a password reset the account page lists the ways in made before it", async ({ page }) => {
  const person = withEmail(newPerson("tess"));
  await (await signUpThroughApi(server.url, person)).dispose();
  // A reset is mailed to a verified address: verify it first (nothing to review yet).
  const verification = verifyLink(await mailbox.next(person.email, "Confirm your e-mail address for Vestibule"));
  await confirmAddress(page, verification);
  await signIn(page, person);
  await expect(review(page)).toHaveCount(0);
  await connectProvider(page, person);

  await page.goto(at("/"));
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are not signed in")).toBeVisible();
  await page.goto(at("/password/reset"));
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.goto(resetLink(await mailbox.next(person.email, "Reset your Vestibule password")));
  const renewed = { ...person, password: "Copper-Lantern-Field-48" };
  await page.getByLabel("New password").fill(renewed.password);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Password has been reset with the new password.")).toBeVisible();

  await signIn(page, renewed);
  await expect(review(page).getByRole("listitem")).toHaveText([/Test IdP/]);
  await review(page).getByRole("button", { name: "Keep these" }).click();
  await expect(review(page)).toHaveCount(0);
  await expect(connections(page).getByRole("listitem")).toHaveText(/Test IdP/);
});

test("the first verification of the address lists the ways in set up before it", async ({ page }) => {
  const person = withEmail(newPerson("uma"));
  await (await signUpThroughApi(server.url, person)).dispose();
  const verification = verifyLink(await mailbox.next(person.email, "Confirm your e-mail address for Vestibule"));
  await signIn(page, person);
  await connectProvider(page, person);
  await expect(review(page)).toHaveCount(0);

  await confirmAddress(page, verification);
  await page.goto(at("/account"));
  await expect(review(page).getByRole("listitem")).toHaveText([/Test IdP/]);
  await review(page).getByRole("button", { name: "Keep these" }).click();
  await expect(review(page)).toHaveCount(0);
});
