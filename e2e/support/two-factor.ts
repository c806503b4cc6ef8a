import { expect, type Page } from "@playwright/test";
import type { Person } from "../people";

export { totp } from "../../tests/support/totp";

export function twoFactorSection(page: Page) {
  return page.getByRole("region", { name: "Two-factor authentication" });
}

/** On /account: sets up the authenticator app from the page; returns its secret and recovery codes. */
export async function setUpAuthenticatorApp(
  page: Page,
  person: Person,
  code: (secret: string) => string,
): Promise<{ secret: string; codes: string[] }> {
  const section = twoFactorSection(page);
  await section.getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(section.locator(".qr svg")).toBeVisible();
  const secret = (await section.locator(".totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await section.getByLabel("Code from the app").fill(code(secret));
  await section.getByRole("button", { name: "Turn on" }).click();
  const shown = section.getByRole("textbox", { name: "Recovery codes" });
  await expect(shown).toBeVisible();
  const codes = (await shown.inputValue()).split("\n");
  expect(codes).toHaveLength(10);
  await expect(section.getByText("Two-factor authentication is on.")).toBeVisible();
  return { secret, codes };
}

/** The login form, up to the second step. */
export async function logInWithPassword(page: Page, person: Person, next = "/account"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(person.username);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`/login/mfa?next=${encodeURIComponent(next)}`);
}
