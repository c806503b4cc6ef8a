import { expect, test, type Page } from "@playwright/test";
import { logInThroughForm, newPerson, registerThroughApi } from "./people";

const person = newPerson("redirect");

test.beforeAll(async ({}, workerInfo) => {
  await registerThroughApi(workerInfo.project.use.baseURL, person);
});

async function signedOutVisitGoesThroughLogin(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL("/login?next=/account");
  await logInThroughForm(page, person);
  await expect(page).toHaveURL("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
}

test("sends a signed-out visitor to log in, then on to their account", async ({ page }) => {
  await signedOutVisitGoesThroughLogin(page);
});

test("ignores a next that leads to another site", async ({ page, baseURL }) => {
  await page.goto(`/login?next=${encodeURIComponent("//evil.example")}`);
  await logInThroughForm(page, person);
  await expect(page).toHaveURL("/");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("sends a signed-out visitor to log in, then on to their account", async ({ page }) => {
    await signedOutVisitGoesThroughLogin(page);
  });
});
