import { expect, test } from "@playwright/test";
import { newPerson, registerThroughApi } from "./people";

const TOO_SHORT = "This password is too short. It must contain at least 8 characters.";

test("points out a username with forbidden characters while the person types", async ({ page }) => {
  await page.goto("/register");
  const username = page.getByLabel("Username");
  await username.fill("not allowed!");
  await username.press("Tab");

  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription(/may contain only letters, numbers/);

  await username.fill("allowed_now");
  await expect(username).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByText("may contain only letters, numbers")).toHaveCount(0);
});

test("asks for a username and a password when both are left blank", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "Register" }).click();

  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/may not be blank/);
  await expect(page.getByLabel("Username")).toBeFocused();
});

test("shows a too-short password next to the field and keeps what was typed", async ({ page }) => {
  const person = newPerson();
  await page.goto("/register");
  await page.getByLabel("Username").fill(person.username);
  await page.getByLabel("Password").fill("k3y!");
  await page.getByRole("button", { name: "Register" }).click();

  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(new RegExp(TOO_SHORT));
  await expect(page.getByLabel("Username")).toHaveValue(person.username);
  await expect(page).toHaveURL("/register");
});

test("says when a username is taken, whatever its case", async ({ page, baseURL }) => {
  const taken = newPerson();
  await registerThroughApi(baseURL, taken);

  await page.goto("/register");
  await page.getByLabel("Username").fill(taken.username.toUpperCase());
  await page.getByLabel("Password").fill(taken.password);
  await page.getByRole("button", { name: "Register" }).click();

  const username = page.getByLabel("Username");
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription(/A user with that username already exists\./);

  await username.fill(newPerson().username);
  await expect(username).toHaveAttribute("aria-invalid", "false");
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("shows a too-short password next to the field and keeps what was typed", async ({ page }) => {
    const person = newPerson();
    await page.goto("/register");
    await page.getByLabel("Username").fill(person.username);
    await page.getByLabel("Password").fill("k3y!");
    await page.getByLabel("Last name").fill("Lovelace");
    await page.getByRole("button", { name: "Register" }).click();

    const password = page.getByLabel("Password");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(new RegExp(TOO_SHORT));
    await expect(password).toHaveValue("");
    await expect(page.getByLabel("Username")).toHaveValue(person.username);
    await expect(page.getByLabel("Last name")).toHaveValue("Lovelace");
  });
});
