import { expect, test } from "@playwright/test";
import { logInThroughForm, newPerson } from "./people";
import { createSuperuser, signUpThroughApi, withEmail } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { totp } from "./support/two-factor";

// Staff turn off the second factor of someone who lost their phone and their recovery codes.

let server: AppServer;
const staff = withEmail(newPerson("staff"));

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  // Starting a server of its own (a new database, migrations) can take a while on a loaded machine.
  test.setTimeout(120_000);
  server = await startAppServer();
  await createSuperuser(server, staff);
});

test.afterAll(async () => {
  await server?.stop();
});

test("staff see that a person has two-factor authentication and turn it off", async ({ page }) => {
  const person = newPerson("lostphone");
  const api = await signUpThroughApi(server.url, person);
  const setup = await api.post("/api/mfa/totp", { data: { password: person.password } });
  const { secret } = (await setup.json()) as { secret: string };
  expect((await api.post("/api/mfa/totp/confirm", { data: { code: totp(secret) } })).status()).toBe(200);
  const me = (await (await api.get("/api/me")).json()) as { id: string };

  await page.goto(`${server.url}/login?next=/admin/users/${me.id}`);
  await logInThroughForm(page, staff);
  await expect(page).toHaveURL(`${server.url}/admin/users/${me.id}`);
  const facts = page.locator("dl.facts");
  await expect(facts.locator("dt", { hasText: "Two-factor authentication" }).locator("+ dd")).toHaveText("Yes");
  await page.getByRole("button", { name: `Turn off two-factor authentication for ${person.username}` }).click();
  await expect(facts.locator("dt", { hasText: "Two-factor authentication" }).locator("+ dd")).toHaveText("No");
  await expect(page.getByRole("button", { name: /Turn off two-factor authentication/ })).toHaveCount(0);

  const login = await api.post("/api/login", { data: person });
  expect(await login.json()).toMatchObject({ username: person.username });
});
