// No text left behind: every key of every namespace (the pages', the API's, the mails') in every
// language, none empty, with the same placeholders and tags as the English original.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CATALOGS } from "./catalog";
import { placeholderNames } from "./format";
import { DEFAULT_LOCALE, LOCALES } from "./locale";

type Tree = { [key: string]: string | Tree };

/** Every text by its dotted key (next-intl's notation), and every key that is not a text or a namespace. */
function leaves(tree: Tree, prefix = ""): { texts: Map<string, string>; odd: string[] } {
  const texts = new Map<string, string>();
  const odd: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key.includes(".") || key === "") odd.push(`${path} (a key may not be empty or hold a dot)`);
    if (typeof value === "string") texts.set(path, value);
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const inner = leaves(value, path);
      inner.texts.forEach((text, innerPath) => texts.set(innerPath, text));
      odd.push(...inner.odd);
    } else odd.push(`${path} (neither a text nor a namespace)`);
  }
  return { texts, odd };
}

const sorted = (names: Set<string>) => [...names].sort();
/** The rich-text tags of a page text (<strong>…</strong>), which next-intl fills in by name. */
const tagsOf = (text: string) =>
  [...new Set([...text.matchAll(/<\/?([A-Za-z]\w*)>/g)].map((match) => match[1]))].sort();
const english = leaves(CATALOGS[DEFAULT_LOCALE] as unknown as Tree);

describe("messages/*.json", () => {
  it("has the English file's API and mail namespaces", () => {
    assert.ok([...english.texts.keys()].some((key) => key.startsWith("api.")));
    assert.ok([...english.texts.keys()].some((key) => key.startsWith("mail.")));
  });

  for (const locale of LOCALES) {
    describe(`messages/${locale}.json`, () => {
      const own = leaves(CATALOGS[locale] as unknown as Tree);

      it("has only texts and namespaces, under keys without dots", () => assert.deepEqual(own.odd, []));

      it("has every key of the English file", () => {
        const missing = [...english.texts.keys()].filter((key) => !own.texts.has(key));
        assert.deepEqual(missing, [], `missing from messages/${locale}.json`);
      });

      it("has no key the English file lacks", () => {
        const extra = [...own.texts.keys()].filter((key) => !english.texts.has(key));
        assert.deepEqual(extra, [], `in messages/${locale}.json only`);
      });

      it("has no empty text", () => {
        const empty = [...own.texts].filter(([, text]) => text.trim() === "").map(([key]) => key);
        assert.deepEqual(empty, []);
      });

      it("has the placeholders of the English text in each, no more and no fewer", () => {
        const differing = [...own.texts]
          .filter(([key]) => english.texts.has(key))
          .filter(
            ([key, text]) =>
              sorted(placeholderNames(text)).join() !== sorted(placeholderNames(english.texts.get(key)!)).join(),
          )
          .map(([key]) => key);
        assert.deepEqual(differing, []);
      });

      it("has the tags of the English text in each", () => {
        const differing = [...own.texts]
          .filter(([key]) => english.texts.has(key))
          .filter(([key, text]) => tagsOf(text).join() !== tagsOf(english.texts.get(key)!).join())
          .map(([key]) => key);
        assert.deepEqual(differing, []);
      });
    });
  }
});
