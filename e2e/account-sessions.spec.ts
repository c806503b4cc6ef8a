import { expect, test, type Page } from "@playwright/test";
import { logInToAccount, newPerson, registerThroughApi } from "./people";

const PHONE_USER_AGENT =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";

function sessionRows(page: Page) {
  return page.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
}

test("a person ends the session of another device from the account page", async ({ page, browser, baseURL }) => {
  const person = newPerson("sessions");
  await registerThroughApi(baseURL, person);
  const phoneContext = await browser.newContext({ baseURL, userAgent: PHONE_USER_AGENT });
  const phone = await phoneContext.newPage();
  await logInToAccount(phone, person);
  await logInToAccount(page, person);

  const thisDevice = sessionRows(page).filter({ hasText: "This device" });
  const onThePhone = sessionRows(page).filter({ hasText: "Chrome 124 on Android" });
  await expect(thisDevice).toHaveCount(1);
  await expect(onThePhone).toHaveCount(1);
  await expect(onThePhone).not.toContainText("This device");
  // The phone's own page marks its own session, not this one.
  await phone.reload();
  await expect(sessionRows(phone).filter({ hasText: "This device" })).toContainText("Chrome 124 on Android");

  await onThePhone.getByRole("button", { name: "Revoke" }).click();
  await expect(onThePhone).toHaveCount(0);
  await expect(thisDevice).toHaveCount(1);

  await phone.goto("/");
  await expect(phone.getByText("You are not signed in")).toBeVisible();
  await page.goto("/");
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
  await phoneContext.close();
});

test("revoking this device's own session logs out", async ({ page, baseURL }) => {
  const person = newPerson("selfrevoke");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);

  await sessionRows(page).filter({ hasText: "This device" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByText("You are not signed in")).toBeVisible();

  await page.goto("/account");
  await expect(page).toHaveURL("/login?next=/account");
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("revoking this device's own session logs out", async ({ page, baseURL }) => {
    const person = newPerson("nojsrevoke");
    await registerThroughApi(baseURL, person);
    await logInToAccount(page, person);

    await sessionRows(page).filter({ hasText: "This device" }).getByRole("button", { name: "Revoke" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByText("You are not signed in")).toBeVisible();
  });
});
