import { expect, request, type Page } from "@playwright/test";

// A password no rule refuses, unrelated to any username newPerson makes.
export const GOOD_PASSWORD = "Velvet-Harbor-Lamp-73";

export type Person = { username: string; password: string };

/** Someone who has never used the app: a username no other test (or earlier run) has taken. */
export function newPerson(prefix = "pw"): Person {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { username: `${prefix}_${unique}`, password: GOOD_PASSWORD };
}

/** Creates an account through the JSON API, for tests that are about something else. */
export async function registerThroughApi(baseURL: string | undefined, person: Person): Promise<void> {
  const api = await request.newContext({ baseURL });
  const response = await api.post("/api/register", { data: person });
  if (response.status() !== 201)
    throw new Error(`registering ${person.username}: ${response.status()} ${await response.text()}`);
  await api.dispose();
}

export async function logInThroughForm(page: Page, person: Person): Promise<void> {
  await page.getByLabel("Username").fill(person.username);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Follows the way to /account a signed-out person is sent: the login form, then back to the account. */
export async function logInToAccount(page: Page, person: Person): Promise<void> {
  await page.goto("/account");
  await expect(page).toHaveURL("/login?next=/account");
  await logInThroughForm(page, person);
  await expect(page).toHaveURL("/account");
}
