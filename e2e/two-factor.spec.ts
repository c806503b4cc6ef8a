import { expect, test, type Browser, type Page } from "@playwright/test";
import { logInToAccount, newPerson, registerThroughApi, type Person } from "./people";
import { logInWithPassword, setUpAuthenticatorApp, totp, twoFactorSection } from "./support/two-factor";

// The confirmation uses this 30-second step's code; the logins use the next one (within the one
// step of drift the server accepts), so no test waits for the clock.
// Whole sign-up, setup and login journeys: longer than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

const thisStep = (secret: string) => totp(secret);
const nextStep = (secret: string) => totp(secret, 1);

async function freshPage(browser: Browser, javaScriptEnabled: boolean, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, baseURL });
  return context.newPage();
}

async function personWithApp(
  page: Page,
  baseURL: string | undefined,
): Promise<Person & { secret: string; codes: string[] }> {
  const person = newPerson("mfa");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);
  return { ...person, ...(await setUpAuthenticatorApp(page, person, thisStep)) };
}

async function finishWith(page: Page, label: string, code: string): Promise<void> {
  await page.getByLabel(label).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "with JavaScript turned off", () => {
    test.use({ javaScriptEnabled });

    test("a person sets up an authenticator app, then logs in with a code and with a recovery code", async ({
      page,
      browser,
      baseURL,
    }) => {
      const person = await personWithApp(page, baseURL);
      // The setup page shows the codes once: a fresh look has none of them.
      await page.goto("/account");
      await expect(twoFactorSection(page).getByRole("textbox", { name: "Recovery codes" })).toHaveCount(0);
      expect(await page.content()).not.toContain(person.codes[0]);

      const withCode = await freshPage(browser, javaScriptEnabled, baseURL);
      await logInWithPassword(withCode, person);
      await finishWith(
        withCode,
        "Code from your authenticator app",
        "000000" === nextStep(person.secret) ? "111111" : "000000",
      );
      await expect(withCode.getByText("Invalid code.")).toBeVisible();
      await finishWith(withCode, "Code from your authenticator app", nextStep(person.secret));
      await expect(withCode).toHaveURL("/account");

      const withRecovery = await freshPage(browser, javaScriptEnabled, baseURL);
      await logInWithPassword(withRecovery, person);
      await withRecovery.getByRole("link", { name: "Use a recovery code" }).click();
      await finishWith(withRecovery, "Recovery code", person.codes[0]);
      await expect(withRecovery).toHaveURL("/account");
      await expect(twoFactorSection(withRecovery).getByText("You have 9 unused recovery codes.")).toBeVisible();
      await expect(
        withRecovery.getByRole("region", { name: "Recent activity" }).getByText("Signed in with a recovery code"),
      ).toBeVisible();
    });
  });
}

test("a login without its second step goes nowhere: /login/mfa alone asks to log in again", async ({ page }) => {
  await page.goto("/login/mfa");
  await expect(page.getByText("This login has expired. Please log in again.")).toBeVisible();
});

test("a person turns two-factor authentication off with the password", async ({ page, baseURL, browser }) => {
  const person = await personWithApp(page, baseURL);
  const section = twoFactorSection(page);
  await section
    .getByRole("form", { name: "Turn two-factor authentication off" })
    .getByLabel("Your password")
    .fill(person.password);
  await section.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(section.getByText("Two-factor authentication is off.").first()).toBeVisible();
  const again = await freshPage(browser, true, baseURL);
  await again.goto("/login?next=/account");
  await again.getByLabel("Username").fill(person.username);
  await again.getByLabel("Password").fill(person.password);
  await again.getByRole("button", { name: "Log in" }).click();
  await expect(again).toHaveURL("/account");
});
