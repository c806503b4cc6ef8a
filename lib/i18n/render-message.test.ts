import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { message, messages } from "@/lib/messages";
import { CATALOGS } from "./catalog";
import { formatMessage, parseMessage, placeholderNames } from "./format";
import { LOCALES } from "./locale";
import { renderErrors, renderMessage } from "./render-message";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, path: string[] = []): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[[...path, key].join("."), value] as [string, string]] : leaves(value, [...path, key]),
  );
}

describe("renderMessage", () => {
  for (const locale of LOCALES) {
    const texts = new Map(leaves(CATALOGS[locale].api as Tree));
    for (const [key, english] of leaves(CATALOGS.en.api as Tree)) {
      it(`answers api.${key} in ${locale}, its value kept`, () => {
        const [name] = placeholderNames(english);
        const code = `api.${key}` as Parameters<typeof message>[0];
        const expected = formatMessage(texts.get(key) ?? "", name ? { [name]: "21" } : {}, locale);
        assert.equal(renderMessage(message(code, name ? 21 : undefined), locale), expected);
        if (locale === "ru") assert.notEqual(expected, formatMessage(english, name ? { [name]: "21" } : {}, "en"));
      });
    }
  }

  it("says the contract's English", () => {
    assert.equal(renderMessage(messages.invalidLogin, "en"), "Unable to log in with provided credentials.");
    assert.equal(renderMessage(messages.maxLength(150), "en"), "Ensure this field has no more than 150 characters.");
    assert.equal(
      renderMessage(messages.password.tooSimilarTo.first_name, "en"),
      "The password is too similar to the first name.",
    );
  });

  it("carries the value over", () => {
    assert.equal(
      renderMessage(messages.throttled(60), "ru"),
      "Слишком много запросов. Повторите попытку через 60 секунд.",
    );
    assert.equal(
      renderMessage(messages.throttled(1), "ru"),
      "Слишком много запросов. Повторите попытку через 1 секунду.",
    );
    assert.match(renderMessage(messages.throttled(1000), "ru"), / 1000 секунд\.$/);
    assert.equal(
      renderMessage(messages.maxLength(150), "ru"),
      "Убедитесь, что это поле содержит не более 150 символов.",
    );
    assert.equal(renderMessage(messages.maxLength(1), "ru"), "Убедитесь, что это поле содержит не более 1 символа.");
    assert.equal(
      renderMessage(messages.unsupportedMediaType("text/plain; charset=utf-8"), "ru"),
      'Неподдерживаемый тип данных "text/plain; charset=utf-8" в запросе.',
    );
    assert.equal(
      renderMessage(messages.parseError("Unexpected end of JSON input"), "ru"),
      "Ошибка разбора JSON - Unexpected end of JSON input",
    );
    assert.equal(
      renderMessage(messages.notAnObject("list"), "ru"),
      "Недопустимые данные. Ожидался словарь (объект JSON), а получен list.",
    );
    assert.equal(renderMessage(messages.password.tooSimilarTo.last_name, "ru"), "Пароль слишком похож на фамилию.");
  });

  it("takes hostile values as data: bars, braces, regular-expression syntax, a megabyte", () => {
    assert.equal(renderMessage(messages.methodNotAllowed("(.*)+$|x"), "ru"), 'Метод "(.*)+$|x" не разрешён.');
    assert.equal(
      renderMessage(messages.unsupportedMediaType("{type} {max, plural, other {#}}"), "ru"),
      'Неподдерживаемый тип данных "{type} {max, plural, other {#}}" в запросе.',
    );
    const reason = "a".repeat(1_000_000);
    assert.equal(renderMessage(messages.parseError(reason), "en"), `JSON parse error - ${reason}`);
    assert.equal(renderMessage(messages.parseError(reason), "ru"), `Ошибка разбора JSON - ${reason}`);
  });
});

describe("renderErrors", () => {
  it("renders the messages and keeps the field names", () => {
    assert.deepEqual(
      renderErrors({ username: [messages.required], non_field_errors: [messages.invalidLogin, messages.blank] }, "ru"),
      {
        username: ["Обязательное поле."],
        non_field_errors: ["Не удалось войти с указанными учётными данными.", "Это поле не может быть пустым."],
      },
    );
  });
});

describe("formatMessage", () => {
  const days = "{days, plural, one {# день} few {# дня} many {# дней} other {# дня}}";
  const cases: Array<[number, string]> = [
    [1, "1 день"],
    [2, "2 дня"],
    [5, "5 дней"],
    [11, "11 дней"],
    [21, "21 день"],
    [0.5, "0,5 дня"],
  ];
  for (const [count, expected] of cases)
    it(`says ${expected} in Russian`, () => assert.equal(formatMessage(days, { days: count }, "ru"), expected));

  it("fills plain placeholders, exact cases and selects", () => {
    assert.equal(formatMessage("Hello {name},", { name: "{x}" }, "en"), "Hello {x},");
    assert.equal(formatMessage("{n, plural, =0 {none} one {# item} other {# items}}", { n: 0 }, "en"), "none");
    assert.equal(formatMessage("{n, plural, =0 {none} one {# item} other {# items}}", { n: 1 }, "en"), "1 item");
    assert.equal(
      formatMessage("{who, select, staff {a staff member} other {you}}", { who: "staff" }, "en"),
      "a staff member",
    );
    assert.equal(formatMessage("{n, number} left", { n: 3 }, "en"), "3 left");
    assert.equal(formatMessage("Hello {name}", {}, "en"), "Hello {name}");
  });

  it("refuses a malformed text", () => {
    for (const text of ["{", "}", "{name", "{1}", "{n, plural, one {x}}", "a {n, plural, other {x}"])
      assert.throws(() => parseMessage(text), SyntaxError, text);
  });
});
