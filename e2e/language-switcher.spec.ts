import { expect, test, type Page } from "@playwright/test";
import { logInThroughForm, logInToAccount, newPerson, registerThroughApi } from "./people";

// The header's language switcher: a form post, so it works without JavaScript; it sets the `lang`
// cookie and comes back to the page it was used on. The browser asks for English (en-US).

const switcher = (page: Page) => page.getByRole("form", { name: /^(Language|Язык)$/ });

async function choose(page: Page, language: "English" | "Русский") {
  await switcher(page).getByRole("button", { name: language }).click();
}

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("switches English to Russian and back on the same page, and the choice stays", async ({ page, context }) => {
    await page.goto("/login?next=/account");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(switcher(page).getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");

    await choose(page, "Русский");
    // The same page, query included (as URLSearchParams writes it).
    await expect(page).toHaveURL("/login?next=%2Faccount");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByRole("heading", { name: "Вход", level: 1 })).toBeVisible();
    await expect(switcher(page).getByRole("button", { name: "Русский" })).toHaveAttribute("aria-pressed", "true");

    const [cookie] = (await context.cookies()).filter(({ name }) => name === "lang");
    expect(cookie).toMatchObject({ value: "ru", path: "/", sameSite: "Lax", httpOnly: false, secure: false });
    const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);

    // Other pages, and later visits, stay in Russian although the browser asks for English.
    await page.goto("/register");
    await expect(page.getByRole("heading", { name: "Регистрация", level: 1 })).toBeVisible();

    await choose(page, "English");
    await expect(page).toHaveURL("/register");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Register", level: 1 })).toBeVisible();
    await page.goto("/");
    await expect(page.getByText("You are not signed in")).toBeVisible();
  });
});

test("comes back to the page reached by following links, with JavaScript", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL("/login");

  await choose(page, "Русский");
  await expect(page.getByRole("heading", { name: "Вход", level: 1 })).toBeVisible();
  await expect(page).toHaveURL("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await choose(page, "English");
  await expect(page.getByRole("heading", { name: "Log in", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("remembers a signed-in person's choice on the account: a new browser signs in and speaks it", async ({
  page,
  browser,
  baseURL,
}) => {
  const person = newPerson("lang");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);
  await choose(page, "Русский");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  // Another browser, asking for English, with no `lang` cookie of its own.
  const elsewhere = await browser.newContext({ baseURL, locale: "en-US" });
  const other = await elsewhere.newPage();
  await other.goto("/login");
  await expect(other.locator("html")).toHaveAttribute("lang", "en");
  await logInThroughForm(other, person);
  await expect(other.getByText(`Вы вошли как ${person.username}`)).toBeVisible();
  await expect(other.locator("html")).toHaveAttribute("lang", "ru");
  await elsewhere.close();
});
