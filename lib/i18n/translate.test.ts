import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messages } from "@/lib/messages";
import { CATALOGS } from "./catalog";
import { formatMessage, parseMessage, placeholderNames } from "./format";
import { DEFAULT_LOCALE, LOCALES } from "./locale";
import { translateErrors, translateMessage } from "./translate";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, path: string[] = []): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[[...path, key].join("."), value] as [string, string]] : leaves(value, [...path, key]),
  );
}

describe("translateMessage", () => {
  for (const locale of LOCALES.filter((code) => code !== DEFAULT_LOCALE)) {
    const translations = new Map(leaves(CATALOGS[locale].api as Tree));
    for (const [key, english] of leaves(CATALOGS.en.api as Tree)) {
      it(`answers api.${key} in ${locale}, its values kept`, () => {
        const values = Object.fromEntries([...placeholderNames(english)].map((name) => [name, "21"]));
        const expected = formatMessage(translations.get(key) ?? "", values, locale);
        assert.equal(translateMessage(formatMessage(english, values, "en"), locale), expected);
        if (locale === "ru") assert.notEqual(expected, formatMessage(english, values, "en"));
      });
    }
  }

  it("leaves English as it is", () => {
    assert.equal(translateMessage(messages.invalidLogin, "en"), messages.invalidLogin);
  });

  it("carries the parameters of the English message over", () => {
    assert.equal(
      translateMessage(messages.throttled(60), "ru"),
      "Слишком много запросов. Повторите попытку через 60 секунд.",
    );
    assert.equal(
      translateMessage(messages.throttled(1), "ru"),
      "Слишком много запросов. Повторите попытку через 1 секунду.",
    );
    assert.match(translateMessage(messages.throttled(1000), "ru"), / 1000 секунд\.$/);
    assert.equal(
      translateMessage(messages.maxLength(150), "ru"),
      "Убедитесь, что это поле содержит не более 150 символов.",
    );
    assert.equal(translateMessage(messages.maxLength(1), "ru"), "Убедитесь, что это поле содержит не более 1 символа.");
    assert.equal(
      translateMessage(messages.unsupportedMediaType("text/plain; charset=utf-8"), "ru"),
      'Неподдерживаемый тип данных "text/plain; charset=utf-8" в запросе.',
    );
    assert.equal(
      translateMessage(messages.parseError("Unexpected end of JSON input"), "ru"),
      "Ошибка разбора JSON - Unexpected end of JSON input",
    );
    assert.equal(
      translateMessage(messages.notAnObject("list"), "ru"),
      "Недопустимые данные. Ожидался словарь (объект JSON), а получен list.",
    );
    assert.equal(translateMessage(messages.password.tooSimilar("last name"), "ru"), "Пароль слишком похож на фамилию.");
  });

  it("gives back text it does not know, unchanged", () => {
    for (const text of ["", "Something else.", "This field is required", " This field is required.", "Not found"])
      assert.equal(translateMessage(text, "ru"), text);
  });

  it("takes hostile text as data: braces, regular-expression syntax, a megabyte", () => {
    assert.equal(translateMessage(messages.methodNotAllowed("(.*)+$"), "ru"), 'Метод "(.*)+$" не разрешён.');
    assert.equal(
      translateMessage(messages.unsupportedMediaType("{type} {max, plural, other {#}}"), "ru"),
      'Неподдерживаемый тип данных "{type} {max, plural, other {#}}" в запросе.',
    );
    // No clock here (a busy machine made a bound on it flaky): a matcher that backtracks or goes
    // quadratic on a megabyte does not finish, and the runner's time limit fails it.
    const huge = `Ensure this field has no more than ${"9".repeat(1_000_000)}`;
    assert.equal(translateMessage(huge, "ru"), huge);
    assert.match(
      translateMessage(`${huge} characters.`, "ru"),
      /^Убедитесь, что это поле содержит не более 9{1000000} символа\.$/,
    );
    const reason = "a".repeat(1_000_000);
    assert.equal(translateMessage(`JSON parse error - ${reason}`, "ru"), `Ошибка разбора JSON - ${reason}`);
  });
});

describe("translateErrors", () => {
  it("translates the messages and keeps the field names", () => {
    assert.deepEqual(
      translateErrors({ username: [messages.required], non_field_errors: [messages.invalidLogin, "Other."] }, "ru"),
      {
        username: ["Обязательное поле."],
        non_field_errors: ["Не удалось войти с указанными учётными данными.", "Other."],
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
