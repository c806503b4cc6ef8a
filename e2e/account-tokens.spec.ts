import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logInToAccount, newPerson, registerThroughApi } from "./people";

const KEY_LABEL = "Your new API key";

function tokensSection(page: Page) {
  return page.getByRole("region", { name: "API tokens" });
}

async function createToken(page: Page, name: string): Promise<string> {
  await tokensSection(page).getByLabel("Token name").fill(name);
  await tokensSection(page).getByRole("button", { name: "Create token" }).click();
  const key = page.getByLabel(KEY_LABEL);
  await expect(key).toHaveValue(/^vst_/);
  return key.inputValue();
}

function tokenRow(page: Page, name: string) {
  return page.getByRole("list", { name: "API tokens" }).getByRole("listitem").filter({ hasText: name });
}

function callAsToken(request: APIRequestContext, key: string) {
  return request.get("/api/me", { headers: { Authorization: `Token ${key}` } });
}

async function createUseAndRevokeAToken(page: Page, request: APIRequestContext, baseURL: string | undefined) {
  const person = newPerson("tokens");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);

  const key = await createToken(page, "deploy script");
  await expect(tokenRow(page, "deploy script")).toHaveCount(1);

  const me = await callAsToken(request, key);
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ username: person.username });

  // Shown once: a fresh look at the page has no trace of the key.
  await page.goto("/account");
  await expect(page.getByLabel(KEY_LABEL)).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await expect(tokenRow(page, "deploy script")).toHaveCount(1);

  await tokenRow(page, "deploy script").getByRole("button", { name: "Revoke" }).click();
  await expect(tokenRow(page, "deploy script")).toHaveCount(0);
  await expect(tokensSection(page).getByText("You have no API tokens.")).toBeVisible();

  const refused = await callAsToken(request, key);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ detail: "Invalid token." });
}

test("a person creates a token, sees its key once, uses it, and revokes it", async ({ page, request, baseURL }) => {
  await createUseAndRevokeAToken(page, request, baseURL);
});

test("copies the new key to the clipboard", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const person = newPerson("copy");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);

  const key = await createToken(page, "laptop");
  await expect(page.getByLabel(KEY_LABEL)).toBeFocused();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied to the clipboard." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
});

test("refuses an expiry out of range next to the field", async ({ page, baseURL }) => {
  const person = newPerson("expiry");
  await registerThroughApi(baseURL, person);
  await logInToAccount(page, person);

  const expiry = tokensSection(page).getByLabel("Expires after (days)");
  await expiry.fill("0");
  await tokensSection(page).getByRole("button", { name: "Create token" }).click();
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expect(expiry).toHaveAccessibleDescription(/Ensure this value is greater than or equal to 1\./);
  await expect(page.getByLabel(KEY_LABEL)).toHaveCount(0);
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a person creates a token, sees its key once, uses it, and revokes it", async ({ page, request, baseURL }) => {
    await createUseAndRevokeAToken(page, request, baseURL);
  });

  test("shows the key in a field to select, with no Copy button that could not work", async ({ page, baseURL }) => {
    const person = newPerson("nojs");
    await registerThroughApi(baseURL, person);
    await logInToAccount(page, person);

    await createToken(page, "cron");
    await expect(page.getByLabel(KEY_LABEL)).toHaveAttribute("readonly", "");
    await expect(page.getByRole("button", { name: "Copy" })).toHaveCount(0);
  });

  test("refuses an expiry out of range next to the field and keeps what was typed", async ({ page, baseURL }) => {
    const person = newPerson("nojsexp");
    await registerThroughApi(baseURL, person);
    await logInToAccount(page, person);

    await tokensSection(page).getByLabel("Token name").fill("nightly");
    await tokensSection(page).getByLabel("Expires after (days)").fill("99999");
    await tokensSection(page).getByRole("button", { name: "Create token" }).click();
    const expiry = tokensSection(page).getByLabel("Expires after (days)");
    await expect(expiry).toHaveAccessibleDescription(/Ensure this value is less than or equal to 3650\./);
    await expect(tokensSection(page).getByLabel("Token name")).toHaveValue("nightly");
    await expect(page.getByLabel(KEY_LABEL)).toHaveCount(0);
  });
});
