// lib/messages.ts names the contract's messages by code; their words are messages/<language>.json's.
// Each code must name a text there, with a value exactly when the text has its one placeholder, or
// the API would answer a raw code or a "{max}" left unfilled.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messageParts, messages, type Message } from "@/lib/messages";
import { CATALOGS } from "./catalog";
import { placeholderNames } from "./format";

function textOf(code: string): unknown {
  return code
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], CATALOGS.en);
}

function each(tree: Record<string, unknown>, path: string[] = []): Array<[string, Message]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, Message]> => {
    const here = [...path, key].join(".");
    if (typeof value === "string") return [[here, value as Message]];
    if (typeof value === "function") return [[`${here}(…)`, (value as (value: string) => Message)("21")]];
    return each(value as Record<string, unknown>, [...path, key]);
  });
}

describe("lib/messages.ts and messages/en.json", () => {
  for (const [name, message] of each(messages)) {
    it(`messages.${name} names a text of messages/en.json, with a value if it has a placeholder`, () => {
      const { code, value } = messageParts(message);
      const text = textOf(code);
      assert.equal(typeof text, "string", `messages/en.json has no ${code}`);
      const names = placeholderNames(text as string);
      assert.ok(names.size <= 1, `${code}: at most one placeholder`);
      assert.equal(value === undefined, names.size === 0, `${code}: a value exactly when it has a placeholder`);
    });
  }
});
