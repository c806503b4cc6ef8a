import assert from "node:assert/strict";
import { describe, it } from "node:test";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

// One messages file per language: the same keys in each, and each message with the same
// placeholders ({username}) and tags (<strong>…</strong>), so no page shows a raw key or loses a value.

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") entries.set(`${prefix}${key}`, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

/** The argument names and tag names of an ICU message, sorted. */
function slots(message: string): string[] {
  const argumentsUsed = [...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((match) => `{${match[1]}}`);
  const tags = [...message.matchAll(/<\/?([A-Za-z]\w*)>/g)].map((match) => `<${match[1]}>`);
  return [...new Set([...argumentsUsed, ...tags])].sort();
}

const english = flatten(en as Tree);
const russian = flatten(ru as Tree);

describe("messages/*.json", () => {
  it("have the same keys in English and Russian", () => {
    assert.deepEqual([...russian.keys()].sort(), [...english.keys()].sort());
  });

  it("have no dots in key names (next-intl reads a dot as nesting)", () => {
    const names = (tree: Tree): string[] =>
      Object.entries(tree).flatMap(([key, value]) => [key, ...(typeof value === "string" ? [] : names(value))]);
    for (const name of [...names(en as Tree), ...names(ru as Tree)]) assert.ok(!name.includes("."), name);
  });

  it("give every Russian message the placeholders and tags of its English one", () => {
    for (const [key, text] of english) assert.deepEqual(slots(russian.get(key) ?? ""), slots(text), key);
  });

  it("have no empty message", () => {
    for (const [key, text] of [...english, ...russian]) assert.ok(text.trim(), key);
  });
});
