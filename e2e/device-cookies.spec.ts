import { expect, request, test } from "@playwright/test";
import { logInThroughForm, newPerson } from "./people";
import { startAppServer, type AppServer } from "./support/app-server";

// OWASP's device cookies: a stranger's wrong guesses lock a username for every browser but the
// ones its owner has signed in from.

// A whole sign-up, lock and login journey: longer than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

let server: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAppServer();
});

test.afterAll(async () => {
  await server?.stop();
});

async function strangerGuesses(username: string, times: number): Promise<number> {
  const stranger = await request.newContext({ baseURL: server.url });
  let last = 0;
  for (let attempt = 0; attempt < times; attempt += 1)
    last = (await stranger.post("/api/login", { data: { username, password: `Wrong-guess-${attempt}-x` } })).status();
  await stranger.dispose();
  return last;
}

test("the owner's browser logs in while the username is locked for everyone else", async ({ page, browser }) => {
  const person = newPerson("device");
  await page.goto(`${server.url}/register`);
  await page.getByLabel("Username").fill(person.username);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page).toHaveURL(`${server.url}/`, { timeout: 30_000 });
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are not signed in")).toBeVisible();

  expect(await strangerGuesses(person.username, 6)).toBe(429);

  // Another browser, even with the right password, is refused.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.goto(`${server.url}/login`);
  await logInThroughForm(other, person);
  await expect(other.getByRole("alert").filter({ hasText: /Request was throttled/ })).toBeVisible();
  await elsewhere.close();

  // The browser the owner registered in is let in.
  await page.goto(`${server.url}/login`);
  await logInThroughForm(page, person);
  await expect(page.getByText(`Signed in as ${person.username}`)).toBeVisible();
});
