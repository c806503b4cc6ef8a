// lib/messages.ts is the English contract that docs/API.md quotes; messages/en.json's "api" must
// say the same, word for word, or the translation of a message would never be found.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messages } from "@/lib/messages";
import { CATALOGS } from "./catalog";
import { formatMessage, placeholderNames } from "./format";

const api = CATALOGS.en.api as Record<string, unknown>;
// A value no placeholder's text could be by chance.
const SENTINEL = "\u0001value\u0002";

function english(path: string[]): string {
  const text = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], api);
  assert.equal(typeof text, "string", `messages/en.json has no api.${path.join(".")}`);
  return text as string;
}

function withSentinel(text: string): string {
  const names = [...placeholderNames(text)];
  assert.equal(names.length, 1, `api text with one placeholder expected: ${text}`);
  return formatMessage(text, { [names[0]]: SENTINEL }, "en");
}

describe("lib/messages.ts and messages/en.json", () => {
  const verboseNames: Record<string, string> = {
    username: "tooSimilarUsername",
    "first name": "tooSimilarFirstName",
    "last name": "tooSimilarLastName",
    "email address": "tooSimilarEmail",
  };

  function check(tree: Record<string, unknown>, path: string[]) {
    for (const [key, value] of Object.entries(tree)) {
      const here = [...path, key];
      if (typeof value === "string") {
        it(`api.${here.join(".")} is "${value}"`, () => assert.equal(english(here), value));
      } else if (typeof value === "function" && key === "tooSimilar") {
        for (const [verboseName, textKey] of Object.entries(verboseNames))
          it(`api.${[...path, textKey].join(".")} is tooSimilar("${verboseName}")`, () =>
            assert.equal(english([...path, textKey]), value(verboseName)));
      } else if (typeof value === "function") {
        it(`api.${here.join(".")} is ${key}(…)`, () => assert.equal(withSentinel(english(here)), value(SENTINEL)));
      } else if (value !== null && typeof value === "object") {
        check(value as Record<string, unknown>, here);
      }
    }
  }
  check(messages, []);
});
