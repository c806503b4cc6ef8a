import { expect, request, test, type Page } from "@playwright/test";
import { logInThroughForm, newPerson } from "./people";
import { isSignedIn, signUpThroughApi, withEmail, verifyFromMail } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { openMailbox, resetLink, type Mailbox } from "./support/mailbox";

// This spec runs its own app server: it must tell the server where to send mail (SMTP_URL), and
// catch that mail with a real SMTP server of its own.

const SENT = "Password reset e-mail has been sent.";
const DONE = "Password has been reset with the new password.";
const INVALID_LINK = /The password reset link was invalid/;
const NEW_PASSWORD = "Copper-Lantern-Field-48";
// The same inbox also gets the verification link of registration and the password-change notice.
const RESET_SUBJECT = "Reset your Vestibule password";

let server: AppServer;
let mailbox: Mailbox;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mailbox = await openMailbox();
  server = await startAppServer({ SMTP_URL: mailbox.smtpUrl });
});

test.afterAll(async () => {
  await server?.stop();
  await mailbox?.close();
});

async function askForLink(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.locator("form").getByRole("status")).toHaveText(SENT);
}

async function setNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel("New password").fill(password);
  await page.getByRole("button", { name: "Set new password" }).click();
}

async function logInThroughApi(username: string, password: string): Promise<number> {
  const api = await request.newContext({ baseURL: server.url });
  const status = (await api.post("/api/login", { data: { username, password } })).status();
  await api.dispose();
  return status;
}

test("a person who forgot their password sets a new one from the mailed link, once", async ({ page }) => {
  const person = withEmail(newPerson("reset"));
  const otherDevice = await signUpThroughApi(server.url, person);
  // A reset link goes only to a verified address.
  await verifyFromMail(server.url, await mailbox.next(person.email));

  await page.goto(`${server.url}/login`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await askForLink(page, person.email.toUpperCase());

  const link = resetLink(await mailbox.next(person.email, RESET_SUBJECT));
  expect(link.startsWith(`${server.url}/password/reset/confirm?uid=`)).toBe(true);
  await page.goto(link);

  // Django's validators speak next to the field; the link survives a refused password.
  await setNewPassword(page, "password");
  await expect(page.getByLabel("New password")).toHaveAccessibleDescription(/This password is too common\./);
  await setNewPassword(page, NEW_PASSWORD);
  await expect(page.getByText(DONE)).toBeVisible();

  await page.getByRole("link", { name: "Log in", exact: true }).click();
  await logInThroughForm(page, { ...person, password: NEW_PASSWORD });
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();

  expect(await logInThroughApi(person.username, person.password)).toBe(400);
  expect(await isSignedIn(otherDevice)).toBe(false);
  await otherDevice.dispose();

  await page.goto(link);
  await setNewPassword(page, "Another-Quiet-Meadow-19");
  await expect(page.getByRole("alert").filter({ hasText: INVALID_LINK })).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(`${server.url}/password/reset`);
  expect(await logInThroughApi(person.username, NEW_PASSWORD)).toBe(200);
});

test("says the same for an address no account uses", async ({ page }) => {
  await page.goto(`${server.url}/password/reset`);
  await askForLink(page, `${newPerson("nobody").username}@example.com`);
});

test("refuses a made-up link and a link with its token missing", async ({ page }) => {
  await page.goto(`${server.url}/password/reset/confirm?uid=bm9ib2R5&token=abc-def`);
  await setNewPassword(page, NEW_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: INVALID_LINK })).toBeVisible();

  await page.goto(`${server.url}/password/reset/confirm?uid=bm9ib2R5`);
  await expect(page.getByRole("alert").filter({ hasText: INVALID_LINK })).toBeVisible();
  await expect(page.getByLabel("New password")).toHaveCount(0);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("asks for a link and sets the new password", async ({ page }) => {
    const person = withEmail(newPerson("nojsreset"));
    await (await signUpThroughApi(server.url, person)).dispose();
    await verifyFromMail(server.url, await mailbox.next(person.email));

    await page.goto(`${server.url}/password/reset`);
    await askForLink(page, person.email);
    await expect(page.getByLabel("Email")).toHaveValue(person.email);

    await page.goto(resetLink(await mailbox.next(person.email, RESET_SUBJECT)));
    await setNewPassword(page, "12345678");
    await expect(page.getByLabel("New password")).toHaveAccessibleDescription(/This password is entirely numeric\./);
    await setNewPassword(page, NEW_PASSWORD);
    await expect(page.getByText(DONE)).toBeVisible();

    expect(await logInThroughApi(person.username, NEW_PASSWORD)).toBe(200);
  });
});

// Last: it uses up this server's reset allowance for the test machine's address.
test("says when too many links were asked for", async ({ page }) => {
  const api = await request.newContext({ baseURL: server.url });
  let status = 200;
  for (let attempt = 0; attempt < 20 && status !== 429; attempt++) {
    status = (await api.post("/api/password/reset", { data: { email: "flood@example.com" } })).status();
  }
  expect(status).toBe(429);
  await api.dispose();

  await page.goto(`${server.url}/password/reset`);
  await page.getByLabel("Email").fill("flood@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    /^Request was throttled\. Expected available in \d+ seconds\.$/,
  );
  await expect(page.getByText(SENT)).toHaveCount(0);
});
