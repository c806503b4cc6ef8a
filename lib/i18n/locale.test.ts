import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { localeOf, negotiateLocale } from "./locale";

describe("negotiateLocale", () => {
  const cases: Array<[string | null, string]> = [
    [null, "en"],
    ["", "en"],
    ["*", "en"],
    ["de-DE,fr;q=0.9", "en"],
    ["ru", "ru"],
    ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"],
    ["en-US,en;q=0.9,ru;q=0.8", "en"],
    ["de,ru;q=0.5", "ru"],
    ["en;q=0.4, ru;q=0.6", "ru"],
    ["ru;q=0, en;q=0.1", "en"],
    ["ru;q=0", "en"],
    ["ru;q=abc", "en"],
    ["ru;q=2", "en"],
    ["RU", "ru"],
    ["*, ru;q=0.1", "ru"],
    ["en, ru", "en"],
    ["ru, en", "ru"],
  ];
  for (const [header, expected] of cases) {
    it(`answers ${expected} to ${JSON.stringify(header)}`, () => assert.equal(negotiateLocale(header), expected));
  }
  it("reads only the first 1000 characters of a hostile header", () => {
    assert.equal(negotiateLocale(`${"x,".repeat(600)}ru`), "en");
  });
});

describe("localeOf", () => {
  it("prefers a valid lang cookie to the header", () => assert.equal(localeOf("ru", "en"), "ru"));
  it("ignores an unknown lang cookie", () => assert.equal(localeOf("de", "ru"), "ru"));
});
