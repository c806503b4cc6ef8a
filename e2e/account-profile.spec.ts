import { expect, test, type Page } from "@playwright/test";
import { logInToAccount, newPerson, registerThroughApi } from "./people";

function profileSection(page: Page) {
  return page.getByRole("region", { name: "Profile" });
}

async function editProfile(page: Page, baseURL: string | undefined) {
  const person = newPerson("profile");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);
  const email = profileSection(page).getByLabel("Email");

  await email.fill("not an address");
  await profileSection(page).getByRole("button", { name: "Save profile" }).click();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Enter a valid email address\./);

  await profileSection(page).getByLabel("First name").fill("Grace");
  await profileSection(page).getByLabel("Last name").fill("Hopper");
  await email.fill("grace@EXAMPLE.com");
  // A new address needs the password (a stolen session must not redirect reset mail).
  await profileSection(page).getByLabel("Password (to change the e-mail address)").fill(person.password);
  await profileSection(page).getByRole("button", { name: "Save profile" }).click();
  await expect(profileSection(page).getByRole("status")).toContainText("Your profile has been saved.");

  await page.goto("/account");
  await expect(profileSection(page).getByLabel("First name")).toHaveValue("Grace");
  await expect(profileSection(page).getByLabel("Last name")).toHaveValue("Hopper");
  // Django's normalize_email: the domain is lower-cased.
  await expect(profileSection(page).getByLabel("Email")).toHaveValue("grace@example.com");
}

test("a person corrects a mistyped email and saves their profile", async ({ page, baseURL }) => {
  await editProfile(page, baseURL);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a person corrects a mistyped email and saves their profile", async ({ page, baseURL }) => {
    await editProfile(page, baseURL);
  });
});
