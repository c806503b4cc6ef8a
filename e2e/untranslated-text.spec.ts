import { expect, test, type Page } from "@playwright/test";
import { newPerson } from "./people";
import { createSuperuser, signUpThroughApi, withEmail, type Member } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { expectAllRussian } from "./support/languages";
import { totp } from "./support/two-factor";

// Every page, as an anonymous visitor, a signed-in person and a staff member see it, in a browser
// that asks for Russian: no English page text and no raw message key anywhere
// (e2e/support/languages.ts says what counts). This spec runs its own server: it creates a
// superuser with the command-line tool.
test.use({ locale: "ru-RU" });

let server: AppServer;
const staff = withEmail(newPerson("staffru"));
const person = withEmail(newPerson("personru"));
const withApp = withEmail(newPerson("totpru"));
// What the test typed: names and addresses are nobody's language.
const typed = [staff, person, withApp].flatMap(({ username, email }) => [email, username]);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAppServer();
  await createSuperuser(server, staff);
  await (await signUpThroughApi(server.url, person)).dispose();
  const api = await signUpThroughApi(server.url, withApp);
  const { secret } = (await (await api.post("/api/mfa/totp", { data: { password: withApp.password } })).json()) as {
    secret: string;
  };
  expect((await api.post("/api/mfa/totp/confirm", { data: { code: totp(secret) } })).status()).toBe(200);
  await api.dispose();
});

test.afterAll(async () => {
  await server?.stop();
});

const at = (path: string) => `${server.url}${path}`;

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(at(path));
  await expectAllRussian(page, typed);
}

async function logIn(page: Page, member: Member): Promise<void> {
  const response = await page.request.post(at("/api/login"), {
    data: { username: member.username, password: member.password },
  });
  expect(response.status()).toBe(200);
}

test("pages for an anonymous visitor", async ({ page }) => {
  for (const path of [
    "/",
    "/?account=deleted",
    "/login",
    "/login?error=OAuthAccountNotLinked",
    "/register",
    "/password/reset",
    "/password/reset/confirm",
    "/password/reset/confirm?uid=1&token=nothing",
    "/email/verify",
    "/email/verify?token=nothing",
    "/email/verify?result=verified",
    "/login/mfa",
    "/docs",
    "/no-such-page",
  ])
    await visit(page, path);

  await visit(page, "/password/reset");
  await page.getByLabel("Электронная почта").fill(person.email);
  await page.getByRole("button", { name: "Отправить ссылку для сброса" }).click();
  await expect(page.getByRole("button", { name: "Отправить ещё одну ссылку" })).toBeVisible();
  await expectAllRussian(page, typed);

  await visit(page, "/register");
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(page.getByLabel("Имя пользователя")).toHaveAttribute("aria-invalid", "true");
  await expectAllRussian(page, typed);
});

test("the second step of a login", async ({ page }) => {
  await visit(page, "/login?next=/account");
  await page.getByLabel("Имя пользователя").fill(withApp.username);
  await page.getByLabel("Пароль").fill(withApp.password);
  await page.getByRole("button", { name: "Войти", exact: true }).click();
  await expect(page).toHaveURL(at("/login/mfa?next=%2Faccount"));
  await expectAllRussian(page, typed);

  await page.getByRole("link", { name: "Ввести резервный код" }).click();
  await expect(page.getByLabel("Резервный код")).toBeVisible();
  await expectAllRussian(page, typed);
});

test("pages for a signed-in person", async ({ page }) => {
  await logIn(page, person);
  for (const path of [
    "/",
    "/account",
    "/account?verification=sent",
    "/account?verification=throttled",
    "/account?verification=already_verified",
    "/admin/users",
  ])
    await visit(page, path);

  await visit(page, "/account");
  const tokens = page.getByRole("region", { name: "API-токены" });
  await tokens.getByLabel("Название токена").fill("deploy");
  await tokens.getByRole("button", { name: "Создать токен" }).click();
  await expect(tokens.getByLabel("Ваш новый API-ключ")).toBeVisible();
  await expectAllRussian(page, [...typed, "deploy"]);

  const twoFactor = page.getByRole("region", { name: "Двухфакторная аутентификация" });
  await twoFactor.getByLabel("Ваш пароль").fill(person.password);
  await twoFactor.getByRole("button", { name: "Настроить приложение-аутентификатор" }).click();
  await expect(twoFactor.getByLabel("Код из приложения")).toBeVisible();
  await expectAllRussian(page, [...typed, "deploy"]);

  const secret = (await twoFactor.locator(".totp-secret").innerText()).replace(/\s/g, "");
  await twoFactor.getByLabel("Код из приложения").fill(totp(secret));
  await twoFactor.getByRole("button", { name: "Включить" }).click();
  await expect(twoFactor.getByRole("textbox", { name: "Резервные коды" })).toBeVisible();
  await expectAllRussian(page, [...typed, "deploy"]);

  const yourData = page.getByRole("region", { name: "Ваши данные" });
  await yourData.getByLabel("Ваш пароль для удаления аккаунта").fill(person.password);
  await yourData.getByRole("button", { name: "Удалить аккаунт" }).click();
  await expect(yourData.getByText("Отметьте флажок, чтобы подтвердить удаление аккаунта.")).toBeVisible();
  await expectAllRussian(page, [...typed, "deploy"]);
});

test("pages for staff", async ({ page }) => {
  await logIn(page, staff);
  for (const path of [
    "/admin/users",
    `/admin/users?search=${person.username}`,
    "/admin/users?search=nobody-has-this-name",
    "/admin/users?page=99",
    "/admin/users?refused=1",
    "/admin/users/no-such-user",
  ])
    await visit(page, path);

  await visit(page, `/admin/users?search=${withApp.username}`);
  await page.getByRole("link", { name: withApp.username }).click();
  await expect(page.getByRole("heading", { name: withApp.username, level: 1 })).toBeVisible();
  await expectAllRussian(page, typed);
});
