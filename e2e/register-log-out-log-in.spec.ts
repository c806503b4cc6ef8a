import { expect, test, type Page } from "@playwright/test";
import { logInThroughForm, newPerson } from "./people";

async function registerLogOutAndLogInAgain(page: Page) {
  const person = newPerson();

  await page.goto("/register");
  await page.getByLabel("Username").fill(person.username);
  await page.getByLabel("Password").fill(person.password);
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Email").fill(`${person.username}@example.com`);
  await page.getByRole("button", { name: "Register" }).click();

  await expect(page).toHaveURL("/");
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are not signed in")).toBeVisible();

  await page.getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL("/login");
  await logInThroughForm(page, person);

  await expect(page).toHaveURL("/");
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
}

test("a new person registers, is signed in, logs out and logs in again", async ({ page }) => {
  await registerLogOutAndLogInAgain(page);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a new person registers, is signed in, logs out and logs in again", async ({ page }) => {
    await registerLogOutAndLogInAgain(page);
  });
});
