import { expect, request, test, type Browser, type Locator, type Page } from "@playwright/test";
import { logInThroughForm, newPerson } from "./people";
import { createSuperuser, isSignedIn, signUpThroughApi, withEmail, type Member } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";

// This spec runs its own app server: it needs that server's database to create a superuser with
// the command-line tool (`npm run manage -- createsuperuser`), as an operator would.

const PERMISSION_DENIED = "You do not have permission to perform this action.";

let server: AppServer;
const staff = withEmail(newPerson("staff"));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAppServer();
  await createSuperuser(server, staff);
});

test.afterAll(async () => {
  await server?.stop();
});

async function logInTo(page: Page, path: string, person: Member): Promise<void> {
  await page.goto(`${server.url}/login?next=${path}`);
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(`${server.url}${path}`);
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel("Search users").fill(text);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(`${server.url}/admin/users?search=${encodeURIComponent(text)}`);
}

function userRow(page: Page, username: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: username, exact: true }) });
}

/** The table's cells after the username: email, joined, last login, active, staff, buttons. */
const activeCell = (row: Locator) => row.getByRole("cell").nth(3);
const staffCell = (row: Locator) => row.getByRole("cell").nth(4);

async function newBrowserPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("sends a signed-out visitor to log in first", async ({ page }) => {
  await page.goto(`${server.url}/admin/users`);
  await expect(page).toHaveURL(`${server.url}/login?next=/admin/users`);
});

test("tells a signed-in person who is not staff that they may not look", async ({ page }) => {
  const person = withEmail(newPerson("plain"));
  await (await signUpThroughApi(server.url, person)).dispose();
  await logInTo(page, "/admin/users", person);

  await expect(page.getByText(PERMISSION_DENIED)).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByLabel("Search users")).toHaveCount(0);
});

test("staff find people by part of their name and page through the results", async ({ page }) => {
  const batch = `batch${Date.now().toString(36)}`;
  await Promise.all(
    Array.from({ length: 25 }, async (_, index) =>
      (await signUpThroughApi(server.url, newPerson(`${batch}_${index}`))).dispose(),
    ),
  );
  await logInTo(page, "/admin/users", staff);

  await search(page, batch.toUpperCase());
  await expect(page.getByRole("table")).toContainText(`25 users matching “${batch.toUpperCase()}”, page 1 of 2`);
  const bodyRows = page.getByRole("table").locator("tbody tr");
  await expect(bodyRows).toHaveCount(20);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(`${server.url}/admin/users?search=${batch.toUpperCase()}&page=2`);
  await expect(bodyRows).toHaveCount(5);
  await expect(page.getByLabel("Search users")).toHaveValue(batch.toUpperCase());

  await page
    .getByRole("navigation", { name: "Pages" })
    .getByRole("link", { name: /Previous/ })
    .click();
  await expect(bodyRows).toHaveCount(20);

  // Their own row offers nothing that would lock them out.
  await search(page, staff.email);
  const own = userRow(page, staff.username);
  await expect(own).toContainText("This is you");
  await expect(own.getByRole("button")).toHaveCount(0);
});

test("deactivating ends a person's sessions and tokens at once; reactivating lets them back in", async ({ page }) => {
  const person = withEmail(newPerson("victim"));
  const theirBrowser = await signUpThroughApi(server.url, person);
  const issued = await theirBrowser.post("/api/tokens", { data: { name: "backup script" } });
  expect(issued.status()).toBe(201);
  const { key } = (await issued.json()) as { key: string };
  const withToken = await request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { Authorization: `Token ${key}` },
  });
  expect((await withToken.get("/api/me")).status()).toBe(200);

  await logInTo(page, "/admin/users", staff);
  await search(page, person.username);
  const row = userRow(page, person.username);
  await expect(activeCell(row)).toHaveText("Yes");

  await row.getByRole("link", { name: person.username }).click();
  await expect(page.getByRole("heading", { name: person.username, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sessions (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API tokens (1)" })).toBeVisible();
  await expect(page.getByRole("region", { name: "API tokens", exact: true })).toContainText("backup script");
  await page.goBack();

  await row.getByRole("button", { name: `Deactivate ${person.username}` }).click();
  await expect(activeCell(row)).toHaveText("No");
  expect(await isSignedIn(theirBrowser)).toBe(false);
  expect((await withToken.get("/api/me")).status()).toBe(401);

  await row.getByRole("link", { name: person.username }).click();
  await expect(page.getByRole("heading", { name: "Sessions (0)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API tokens (0)" })).toBeVisible();
  await page.getByRole("button", { name: `Reactivate ${person.username}` }).click();
  await expect(page.getByRole("button", { name: `Deactivate ${person.username}` })).toBeVisible();

  const again = await request.newContext({ baseURL: server.url });
  expect(
    (await again.post("/api/login", { data: { username: person.username, password: person.password } })).status(),
  ).toBe(200);
  await Promise.all([theirBrowser.dispose(), withToken.dispose(), again.dispose()]);
});

test("granting staff opens the staff pages to that person, revoking closes them", async ({ page, browser }) => {
  const person = withEmail(newPerson("helper"));
  await (await signUpThroughApi(server.url, person)).dispose();
  const theirPage = await newBrowserPage(browser);
  await logInTo(theirPage, "/admin/users", person);
  await expect(theirPage.getByText(PERMISSION_DENIED)).toBeVisible();

  await logInTo(page, "/admin/users", staff);
  await search(page, person.username);
  const row = userRow(page, person.username);
  await row.getByRole("button", { name: `Grant staff ${person.username}` }).click();
  await expect(staffCell(row)).toHaveText("Yes");

  await theirPage.reload();
  await expect(theirPage.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(theirPage.getByLabel("Search users")).toBeVisible();

  await row.getByRole("button", { name: `Revoke staff ${person.username}` }).click();
  await expect(staffCell(row)).toHaveText("No");
  await theirPage.reload();
  await expect(theirPage.getByText(PERMISSION_DENIED)).toBeVisible();
  await theirPage.context().close();
});

test("a staff member who is not a superuser is told they may not deactivate a superuser", async ({ page, browser }) => {
  const helper = withEmail(newPerson("assistant"));
  await (await signUpThroughApi(server.url, helper)).dispose();
  await logInTo(page, "/admin/users", staff);
  await search(page, helper.username);
  const helperRow = userRow(page, helper.username);
  await helperRow.getByRole("button", { name: `Grant staff ${helper.username}` }).click();
  await expect(staffCell(helperRow)).toHaveText("Yes");

  const theirPage = await newBrowserPage(browser);
  await logInTo(theirPage, "/admin/users", helper);
  await search(theirPage, staff.username);
  const row = userRow(theirPage, staff.username);
  await row.getByRole("button", { name: `Deactivate ${staff.username}` }).click();
  await expect(theirPage.getByText(/^You do not have permission to make that change/)).toBeVisible();
  await expect(activeCell(row)).toHaveText("Yes");
  await theirPage.context().close();
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("staff search and deactivate, and the page stays where it was", async ({ page }) => {
    const person = withEmail(newPerson("nojsvictim"));
    const theirBrowser = await signUpThroughApi(server.url, person);
    await logInTo(page, "/admin/users", staff);
    await search(page, person.email);

    const row = userRow(page, person.username);
    await row.getByRole("button", { name: `Deactivate ${person.username}` }).click();
    await expect(page).toHaveURL(`${server.url}/admin/users?search=${encodeURIComponent(person.email)}`);
    await expect(activeCell(row)).toHaveText("No");
    expect(await isSignedIn(theirBrowser)).toBe(false);
    await theirBrowser.dispose();
  });
});
