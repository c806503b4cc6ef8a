// English and Russian (docs/API.md, "Languages"): the API's messages in the language the request
// asks for (the `lang` cookie, else Accept-Language, else English), Content-Language saying which,
// field names, event names and every other value unchanged; mails in the recipient's language.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertUserShape, logIn, registerAccount, strongPassword, uniqueName } from "../support/accounts";
import { client, setCookieLine, type ApiResponse, type Client } from "../support/client";
import { withDb } from "../support/db";
import { resetLinkOf, startMailSink, type MailSink, type ReceivedMail } from "../support/extra-mail";
import { verifyAddress } from "../support/mail-links";
import { assertNoSecretsLeaked } from "../support/secrets";
import { startServer, type TestServer } from "../support/server";

const RU = { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" };
const USERNAME_WINDOW_SECONDS = 15 * 60;

let server: TestServer;
let mail: MailSink;
let addressCounter = 0;

before(async () => {
  mail = await startMailSink();
  server = await startServer({
    SMTP_URL: mail.url,
    // Each test's logins come from their own client address (one trusted proxy), so that only the
    // counts a test means to exhaust add up.
    TRUST_PROXY: "1",
    THROTTLE_LOGIN_USERNAME: "3/15m",
    THROTTLE_LOGIN_ADDRESS: "4/15m",
    THROTTLE_REGISTER: "1000/h",
    THROTTLE_PASSWORD_RESET: "100/h",
  });
});

after(async () => {
  await server?.stop();
  await mail?.stop();
});

function newAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

/** A browser of its own client address, asking for `headers` on every request. */
function browser(headers: Record<string, string> = {}): Client {
  const inner = client(server.url);
  const from = { "x-forwarded-for": newAddress(), ...headers };
  const withHeaders = (options?: { headers?: Record<string, string> }) => ({
    headers: { ...from, ...options?.headers },
  });
  return {
    ...inner,
    get: (path, options) => inner.get(path, withHeaders(options)),
    post: (path, body, options) => inner.post(path, body, withHeaders(options)),
    request: (method, path, body, options) => inner.request(method, path, body, withHeaders(options)),
  };
}

function assertAnswer(response: ApiResponse, status: number, body: unknown, language: "en" | "ru"): void {
  assert.equal(response.status, status, response.text);
  assert.deepEqual(response.json, body);
  assert.equal(response.headers.get("content-language"), language);
  assertVary(response);
}

/** The contract's Vary: the language depends on Accept-Language and on the language cookie, so both. */
function assertVary(response: ApiResponse): void {
  const vary = response.headers.get("vary") ?? "";
  const names = vary.split(",").map((name) => name.trim().toLowerCase());
  for (const name of ["accept-language", "cookie"]) assert.ok(names.includes(name), `Vary: ${vary} lacks ${name}`);
}

/** The Russian word for "seconds" after n, as a Russian speaker would write it. */
function seconds(n: number): string {
  const form = new Intl.PluralRules("ru").select(n);
  return `${n} ${form === "one" ? "секунду" : form === "few" ? "секунды" : "секунд"}`;
}

const RESET_SUBJECTS = ["Reset your Vestibule password", "Сброс пароля Vestibule"];
const VERIFY_SUBJECTS = [
  "Confirm your e-mail address for Vestibule",
  "Подтвердите адрес электронной почты для Vestibule",
];

/** The first mail to `address` with one of `subjects` (in any language), waiting for it. */
async function mailTo(address: string, subjects: string[]): Promise<ReceivedMail> {
  for (let reads = 0; reads < 300; reads += 1) {
    const found = mail.messages.find((message) => message.to.includes(address) && subjects.includes(message.subject));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`no mail to ${address} with a subject of ${subjects.join(" / ")}`);
}

function setLanguage(userId: string, language: string | null): void {
  withDb(
    server.databasePath,
    (database) => database.run(`UPDATE "User" SET "language" = ? WHERE "id" = ?`, language, userId),
    { writable: true },
  );
}

describe("Which language the API answers in", () => {
  const english = { detail: "Authentication credentials were not provided." };
  const russian = { detail: "Учётные данные не были предоставлены." };

  it("answers 401 in Russian to a client that prefers Russian, the header and scheme unchanged", async () => {
    const response = await browser(RU).get("/api/me");
    assertAnswer(response, 401, russian, "ru");
    assert.equal(response.headers.get("www-authenticate"), "Token");
  });

  for (const header of ["*", "de-DE,fr;q=0.9", "en-US,en;q=0.9,ru;q=0.8", "ru;q=0"]) {
    it(`answers in English to Accept-Language: ${header}`, async () => {
      assertAnswer(await browser({ "accept-language": header }).get("/api/me"), 401, english, "en");
    });
  }

  it("answers in English to a request with no Accept-Language (fetch's own `*`)", async () => {
    assertAnswer(await client(server.url).get("/api/me"), 401, english, "en");
  });

  it("lets the lang cookie win over Accept-Language, and ignores a cookie naming no language it speaks", async () => {
    const chosenRussian = browser({ "accept-language": "en" });
    chosenRussian.setCookie("lang", "ru");
    assertAnswer(await chosenRussian.get("/api/me"), 401, russian, "ru");
    const chosenEnglish = browser(RU);
    chosenEnglish.setCookie("lang", "en");
    assertAnswer(await chosenEnglish.get("/api/me"), 401, english, "en");
    const unknown = browser(RU);
    unknown.setCookie("lang", "de");
    assertAnswer(await unknown.get("/api/me"), 401, russian, "ru");
  });

  it("answers unknown paths, wrong methods and bad bodies in Russian, their values kept", async () => {
    const ru = browser(RU);
    assertAnswer(await ru.get("/api/no-such-thing"), 404, { detail: "Не найдено." }, "ru");
    const wrongMethod = await ru.request("PUT", "/api/login", {});
    assertAnswer(wrongMethod, 405, { detail: 'Метод "PUT" не разрешён.' }, "ru");
    assert.ok(wrongMethod.headers.get("allow"));
    assertAnswer(
      await ru.post("/api/login", "x", { headers: { "content-type": "text/plain" } }),
      415,
      { detail: 'Неподдерживаемый тип данных "text/plain" в запросе.' },
      "ru",
    );
    assertAnswer(
      await ru.post("/api/login", "[1]", { headers: { "content-type": "application/json" } }),
      400,
      { non_field_errors: ["Недопустимые данные. Ожидался словарь (объект JSON), а получен list."] },
      "ru",
    );
  });

  it("keeps the OpenAPI document in English, and says so", async () => {
    const response = await browser(RU).get("/api/openapi.json");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-language"), "en");
  });
});

describe("Russian messages", () => {
  it("gives field errors in Russian under the same field names", async () => {
    const body = { username: "no spaces allowed", password: "12345678", email: "not-an-email" };
    const englishAnswer = await browser().post("/api/register", body);
    assertAnswer(
      englishAnswer,
      400,
      {
        username: ["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."],
        password: ["This password is too common.", "This password is entirely numeric."],
        email: ["Enter a valid email address."],
      },
      "en",
    );
    assertAnswer(
      await browser(RU).post("/api/register", body),
      400,
      {
        username: ["Введите корректное имя пользователя. Оно может содержать только буквы, цифры и символы @/./+/-/_."],
        password: ["Этот пароль слишком распространён.", "Пароль не может состоять только из цифр."],
        email: ["Введите корректный адрес электронной почты."],
      },
      "ru",
    );
    assertAnswer(
      await browser(RU).post("/api/register", { username: "a".repeat(151) }),
      400,
      { username: ["Убедитесь, что это поле содержит не более 150 символов."], password: ["Обязательное поле."] },
      "ru",
    );
  });

  it("refuses a wrong password in Russian", async () => {
    const { username } = await registerAccount(browser());
    assertAnswer(
      await logIn(browser(RU), username, strongPassword()),
      400,
      { non_field_errors: ["Не удалось войти с указанными учётными данными."] },
      "ru",
    );
  });

  it("says in Russian when a username is throttled, with the Retry-After seconds", async () => {
    const { username, password } = await registerAccount(browser());
    for (let attempt = 0; attempt < 3; attempt += 1)
      assert.equal((await logIn(browser(), username, strongPassword())).status, 400);
    const response = await logIn(browser(RU), username, password);
    assert.equal(response.status, 429, response.text);
    const retryAfter = Number(response.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= USERNAME_WINDOW_SECONDS, `Retry-After ${retryAfter}`);
    assertAnswer(
      response,
      429,
      { detail: `Слишком много запросов. Повторите попытку через ${seconds(retryAfter)}.` },
      "ru",
    );
  });

  it("says it in Russian when an address is throttled too, before and after the server knows the lock", async () => {
    const from = browser(RU);
    for (let attempt = 0; attempt < 4; attempt += 1)
      assert.equal((await logIn(from, uniqueName("ghost"), strongPassword())).status, 400);
    // The first refusal is the route's; once the lock is known, the login shield answers (lib/login-shield.cjs).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await logIn(from, uniqueName("ghost"), strongPassword());
      const retryAfter = Number(response.headers.get("retry-after"));
      assertAnswer(
        response,
        429,
        { detail: `Слишком много запросов. Повторите попытку через ${seconds(retryAfter)}.` },
        "ru",
      );
    }
  });

  it("refuses a user who is not staff in Russian (403)", async () => {
    const member = browser(RU);
    await registerAccount(member);
    assertAnswer(
      await member.get("/api/admin/users"),
      403,
      { detail: "У вас недостаточно прав для выполнения этого действия." },
      "ru",
    );
  });

  it("says a success that is only a message in Russian, and keeps users and event names as they are", async () => {
    const ru = browser(RU);
    const registered = await ru.post("/api/register", { username: uniqueName(), password: strongPassword() });
    assert.equal(registered.status, 201, registered.text);
    assertUserShape(registered.json);
    assert.equal(registered.headers.get("content-language"), "ru");
    const events = await ru.get("/api/events");
    assert.equal(events.status, 200);
    assert.deepEqual(
      (events.json as Array<{ event: string }>).map((item) => item.event),
      ["login", "register"],
    );
    assertAnswer(await ru.post("/api/logout"), 200, { detail: "Вы вышли из системы." }, "ru");
  });
});

describe("The language remembered on the account", () => {
  it("sets the lang cookie at sign-in to the account's language, for the whole site and not HttpOnly", async () => {
    const account = await registerAccount(browser());
    setLanguage(account.user.id, "ru");
    const elsewhere = browser({ "accept-language": "en" });
    const response = await logIn(elsewhere, account.username, account.password);
    assert.equal(response.status, 200, response.text);
    const line = setCookieLine(response, "lang");
    assert.ok(line, `no lang cookie: ${response.setCookies.join(" | ")}`);
    assert.match(line, /^lang=ru;/);
    assert.match(line, /; Path=\/(;|$)/i);
    assert.match(line, /; SameSite=Lax/i);
    assert.doesNotMatch(line, /HttpOnly/i);
    assert.equal(elsewhere.cookie("lang"), "ru");
    assertAnswer(
      await elsewhere.post("/api/password/change", {}),
      400,
      { old_password: ["Обязательное поле."], new_password: ["Обязательное поле."] },
      "ru",
    );
    const exported = await elsewhere.get("/api/me/export");
    assert.equal(exported.status, 200, exported.text);
    assert.equal((exported.json as { user: { language: unknown } }).user.language, "ru");
  });

  it("leaves the browser's own choice alone for an account without one", async () => {
    const account = await registerAccount(browser());
    const again = browser();
    const response = await logIn(again, account.username, account.password);
    assert.equal(response.status, 200, response.text);
    assert.equal(setCookieLine(response, "lang"), undefined);
    const exported = await again.get("/api/me/export");
    assert.equal((exported.json as { user: { language: unknown } }).user.language, null);
  });
});

describe("Mail in the recipient's language", () => {
  let addressNumber = 0;
  const address = () => `${uniqueName("mail")}-${(addressNumber += 1)}@example.com`.toLowerCase();

  it("mails a password reset in Russian to a Russian-preferring user, whatever the request's language", async () => {
    const email = address();
    const account = await registerAccount(browser(), { email });
    await verifyAddress(mail, server.url, email);
    setLanguage(account.user.id, "ru");
    const response = await browser().post("/api/password/reset", { email });
    assertAnswer(response, 200, { detail: "Password reset e-mail has been sent." }, "en");
    const received = await mailTo(email, RESET_SUBJECTS);
    assert.equal(received.subject, "Сброс пароля Vestibule");
    assert.match(received.text, new RegExp(`учётной записи «${account.username}»`));
    assert.match(received.text, /Ссылка действует \d+ (минуту|минуты|минут) и только один раз\./);
    assert.ok(resetLinkOf(received).token);
  });

  it("mails in the requester's language when the account has none, and in English otherwise", async () => {
    const russianEmail = address();
    await registerAccount(browser(), { email: russianEmail });
    await verifyAddress(mail, server.url, russianEmail);
    assertAnswer(
      await browser(RU).post("/api/password/reset", { email: russianEmail }),
      200,
      { detail: "Письмо для сброса пароля отправлено." },
      "ru",
    );
    assert.equal((await mailTo(russianEmail, RESET_SUBJECTS)).subject, "Сброс пароля Vestibule");

    const englishEmail = address();
    await registerAccount(browser(), { email: englishEmail });
    await verifyAddress(mail, server.url, englishEmail);
    await browser().post("/api/password/reset", { email: englishEmail });
    assert.equal((await mailTo(englishEmail, RESET_SUBJECTS)).subject, "Reset your Vestibule password");
  });

  it("sends a security notice in the account's language", async () => {
    const email = address();
    const owner = browser();
    const account = await registerAccount(owner, { email });
    await verifyAddress(mail, server.url, email);
    setLanguage(account.user.id, "ru");
    const changed = await owner.post(
      "/api/password/change",
      { old_password: account.password, new_password: strongPassword() },
      { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0" } },
    );
    assertAnswer(changed, 200, { detail: "New password has been saved." }, "en");
    const notice = await mailTo(email, ["Your Vestibule password was changed", "Пароль Vestibule изменён"]);
    assert.equal(notice.subject, "Пароль Vestibule изменён");
    assert.match(
      notice.text,
      new RegExp(`^Здравствуйте, ${account.username}!\n\nПароль вашей учётной записи был изменён\.`),
    );
    assert.match(notice.text, /\nКогда: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n/);
    assert.match(notice.text, /Firefox 120 на Linux/);
  });

  it("mails the verification link at registration in the language of the registering request", async () => {
    const email = address();
    const englishVerified = address();
    await registerAccount(browser(), { email: englishVerified });
    await registerAccount(browser(RU), { email });
    const received = await mailTo(email, VERIFY_SUBJECTS);
    assert.equal(received.subject, "Подтвердите адрес электронной почты для Vestibule");
    assert.match(received.text, /Ссылка действует \d+(,\d)? (день|дня|дней) и только один раз\./);
    assert.equal((await mailTo(englishVerified, VERIFY_SUBJECTS)).subject, VERIFY_SUBJECTS[0]);
  });
});

describe("Secrets", () => {
  it("leaks no password, hash, session cookie or API key in any language", () => {
    assertNoSecretsLeaked(server);
  });
});
