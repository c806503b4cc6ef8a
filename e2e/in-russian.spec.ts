import { expect, test, type Page } from "@playwright/test";
import { newPerson } from "./people";

// The seed's flow (register-log-out-log-in.spec.ts) for a person whose browser asks for Russian:
// every label, button and sentence they go by is Russian.
test.use({ locale: "ru-RU" });

async function logInInRussian(page: Page, person: { username: string; password: string }) {
  await page.getByLabel("Имя пользователя").fill(person.username);
  await page.getByLabel("Пароль").fill(person.password);
  await page.getByRole("button", { name: "Войти", exact: true }).click();
}

async function registerLogOutAndLogInAgain(page: Page) {
  const person = newPerson();

  await page.goto("/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page).toHaveTitle("Регистрация · Vestibule");
  await page.getByLabel("Имя пользователя").fill(person.username);
  await page.getByLabel("Пароль").fill(person.password);
  await page.getByLabel("Имя (необязательно)").fill("Ада");
  await page.getByLabel("Электронная почта").fill(`${person.username}@example.com`);
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();

  await expect(page).toHaveURL("/");
  await expect(page.getByText(`Вы вошли как ${person.username}`)).toBeVisible();

  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page.getByText("Вы не вошли в систему")).toBeVisible();

  await page.getByRole("link", { name: "Войти" }).click();
  await expect(page).toHaveURL("/login");
  await expect(page.getByRole("heading", { name: "Вход", level: 1 })).toBeVisible();
  await logInInRussian(page, person);

  await expect(page).toHaveURL("/");
  await expect(page.getByText(`Вы вошли как ${person.username}`)).toBeVisible();
}

test("a new person registers, is signed in, logs out and logs in again, all in Russian", async ({ page }) => {
  await registerLogOutAndLogInAgain(page);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a new person registers, is signed in, logs out and logs in again, all in Russian", async ({ page }) => {
    await registerLogOutAndLogInAgain(page);
  });
});

test("says what is wrong in Russian while the person types", async ({ page }) => {
  await page.goto("/register");
  const username = page.getByLabel("Имя пользователя");
  await username.fill("not allowed!");
  await username.press("Tab");

  await expect(username).toHaveAttribute("aria-invalid", "true");
  const error = page.locator("#username-error");
  await expect(error).toHaveText(/[А-Яа-яЁё]{4}/);
  await expect(error).not.toContainText("Enter a valid username");

  const password = page.getByLabel("Пароль");
  await password.fill("k3y!");
  await password.press("Tab");
  await expect(page.locator("#password-error")).toHaveText(/[А-Яа-яЁё]{4}/);
  await expect(page.locator("#password-error")).not.toContainText("This password is too short");
});

test("names a field's rules in Russian before anything is typed", async ({ page }) => {
  await page.goto("/register");
  await expect(page.getByLabel("Имя пользователя")).toHaveAccessibleDescription(
    "До 150 символов: только буквы, цифры и @ . + - _",
  );
  await expect(page.getByLabel("Пароль")).toHaveAccessibleDescription(/^Не менее 8 символов/);
});

test.describe("in an English browser", () => {
  test.use({ locale: "en-US" });

  test("the same page is in English", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Log in", level: 1 })).toBeVisible();
  });
});
