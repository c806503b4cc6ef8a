import { expect, test } from "@playwright/test";
import { logInThroughForm, newPerson, registerThroughApi } from "./people";

const GENERIC_ERROR = "Unable to log in with provided credentials.";
const person = newPerson("login");

test.beforeAll(async ({}, workerInfo) => {
  await registerThroughApi(workerInfo.project.use.baseURL, person);
});

test("gives the same single error for a wrong password and an unknown user", async ({ page }) => {
  // Scoped to the form: Next.js's route announcer is an (empty) alert too.
  const formError = page.locator("form").getByRole("alert");
  await page.goto("/login");
  await logInThroughForm(page, { ...person, password: "Wrong-Password-99" });
  await expect(formError).toHaveText(GENERIC_ERROR);
  await expect(page.getByLabel("Username")).toHaveValue(person.username);
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "false");

  await logInThroughForm(page, newPerson("nobody"));
  await expect(formError).toHaveText(GENERIC_ERROR);
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByText("You are not signed in")).toHaveCount(0);
  await expect(page).toHaveURL("/login");
});

test("goes on to the page it was sent from", async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent("/?from=login")}`);
  await logInThroughForm(page, person);
  await expect(page).toHaveURL("/?from=login");
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
});

test("ignores a next that leads to another site", async ({ page, baseURL }) => {
  await page.goto(`/login?next=${encodeURIComponent("//evil.example")}`);
  await logInThroughForm(page, person);
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
  await expect(page).toHaveURL("/");
});

test("can be filled in and submitted with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  const username = page.getByLabel("Username");
  for (
    let presses = 0;
    presses < 10 && !(await username.evaluate((input) => input === document.activeElement));
    presses++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(username).toBeFocused();
  // The focus ring is visible, not left to the browser's default.
  await expect(username).toHaveCSS("outline-style", "solid");

  await page.keyboard.type(person.username);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(person.password);
  await page.keyboard.press("Enter");

  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
});
