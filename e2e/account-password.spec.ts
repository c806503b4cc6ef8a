import { expect, request as apiRequest, test, type Page } from "@playwright/test";
import { logInToAccount, newPerson, registerThroughApi, type Person } from "./people";

const NEW_PASSWORD = "Quiet-Marble-Orchid-48";
const WRONG_OLD = "Your old password was entered incorrectly. Please enter it again.";
const SAVED = "New password has been saved.";

function passwordSection(page: Page) {
  return page.getByRole("region", { name: "Change password" });
}

async function changePassword(page: Page, oldPassword: string, newPassword: string) {
  await passwordSection(page).getByLabel("Current password").fill(oldPassword);
  await passwordSection(page).getByLabel("New password").fill(newPassword);
  await passwordSection(page).getByRole("button", { name: "Change password" }).click();
}

async function logInThroughApi(baseURL: string | undefined, username: string, password: string): Promise<number> {
  const api = await apiRequest.newContext({ baseURL });
  const response = await api.post("/api/login", { data: { username, password } });
  await api.dispose();
  return response.status();
}

async function changeItWrongThenRight(page: Page, person: Person) {
  await logInToAccount(page, person);

  await changePassword(page, "Not-My-Password-11", NEW_PASSWORD);
  const current = passwordSection(page).getByLabel("Current password");
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveAccessibleDescription(WRONG_OLD);
  await expect(passwordSection(page).getByRole("status")).toHaveCount(0);

  await changePassword(page, person.password, NEW_PASSWORD);
  await expect(passwordSection(page).getByRole("status")).toHaveText(SAVED);
  await expect(current).toHaveAttribute("aria-invalid", "false");
  await expect(current).toHaveValue("");
  await expect(passwordSection(page).getByLabel("New password")).toHaveValue("");
}

async function expectOnlyTheNewPasswordWorks(page: Page, baseURL: string | undefined, person: Person) {
  expect(await logInThroughApi(baseURL, person.username, person.password)).toBe(400);
  expect(await logInThroughApi(baseURL, person.username, NEW_PASSWORD)).toBe(200);
  // This browser is still signed in.
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
}

test("a person changes their password: a wrong current one is refused, then the old one stops working and this browser stays signed in", async ({
  page,
  baseURL,
}) => {
  const person = newPerson("passwd");
  await registerThroughApi(baseURL, person);
  // Another device, signed in before the change, is signed out by it.
  const elsewhere = await apiRequest.newContext({ baseURL });
  expect((await elsewhere.post("/api/login", { data: person })).status()).toBe(200);

  await changeItWrongThenRight(page, person);
  await expectOnlyTheNewPasswordWorks(page, baseURL, person);
  expect((await elsewhere.get("/api/me")).status()).toBe(401);
  await elsewhere.dispose();
});

test("checks the new password against Django's rules as the person types", async ({ page, baseURL }) => {
  const person = newPerson("rules");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);

  const newPassword = passwordSection(page).getByLabel("New password");
  await newPassword.fill("8675309");
  await newPassword.press("Tab");
  await expect(newPassword).toHaveAttribute("aria-invalid", "true");
  await expect(newPassword).toHaveAccessibleDescription(/This password is too short\./);

  await newPassword.fill("86753094711");
  await expect(newPassword).toHaveAccessibleDescription(/This password is entirely numeric\./);

  await newPassword.fill(person.username);
  await expect(newPassword).toHaveAccessibleDescription(/The password is too similar to the username\./);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a person changes their password: a wrong current one is refused, then the old one stops working and this browser stays signed in", async ({
    page,
    baseURL,
  }) => {
    const person = newPerson("nojspw");
    await registerThroughApi(baseURL, person);
    await changeItWrongThenRight(page, person);
    await expectOnlyTheNewPasswordWorks(page, baseURL, person);
  });

  test("reports a common password, which only the server checks", async ({ page, baseURL }) => {
    const person = newPerson("common");
    await registerThroughApi(baseURL, person);
    await logInToAccount(page, person);

    await changePassword(page, person.password, "password123");
    await expect(passwordSection(page).getByLabel("New password")).toHaveAccessibleDescription(
      /This password is too common\./,
    );
    expect(await logInThroughApi(baseURL, person.username, person.password)).toBe(200);
  });
});
