import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { ROOT } from "./app-server";

// What "no English left on a Russian page" means, built from the English messages file: every
// English text a page could show, cut at its placeholders and tags into the literal pieces a
// page would contain.

type Tree = { [key: string]: string | Tree };

const english = JSON.parse(readFileSync(path.join(ROOT, "messages", "en.json"), "utf8")) as Tree;

// Mail is never shown on a page. The API's messages are, whenever a page shows what the server said.
const PAGE_NAMESPACES = Object.keys(english).filter((namespace) => namespace !== "mail");

// Names, the same in every language: the brand and the HTTP schemes' own names.
const NAMES = new Set(["Vestibule", "Token", "Bearer", "Basic"]);

function values(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === "string" ? [value] : values(value)));
}

/**
 * "Signed in as {username}" → ["Signed in as"]: the literal text between placeholders and tags
 * (code in a message, "<code>POST /api/login</code>", is the same in every language).
 */
function pieces(message: string): string[] {
  let text = message.replace(/<code>.*?<\/code>/g, "\u0000").replace(/<\/?\w+>/g, "\u0000");
  for (let previous = ""; previous !== text;) {
    previous = text;
    text = text.replace(/\{[^{}]*\}/g, "\u0000");
  }
  return text
    .split("\u0000")
    .map((piece) => piece.replace(/^[\s.,:;·—–()“”←→]+|[\s.,:;·—–()“”←→]+$/g, ""))
    .filter((piece) => /[A-Za-z]{3}/.test(piece) && !NAMES.has(piece));
}

const ENGLISH_PIECES = [
  ...new Set(PAGE_NAMESPACES.flatMap((namespace) => values({ [namespace]: english[namespace] })).flatMap(pieces)),
];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ENGLISH = ENGLISH_PIECES.map((piece) => ({
  piece,
  pattern: new RegExp(`(?<![A-Za-z])${escape(piece)}(?![A-Za-z])`),
}));
// next-intl renders a message it cannot find as its key ("account.title").
const RAW_KEY = new RegExp(`(?<![\\w@.-])(?:${Object.keys(english).join("|")})\\.[A-Za-z_]+(?![\\w.@-])`);

/**
 * The texts a person (or a screen reader) meets on the page: its title, text nodes, and the
 * attributes read out or shown (title, placeholder, aria-label, alt, a button's value). Left out:
 * code samples (<code>, <pre>) and content marked as English on purpose (lang="en": the API's own
 * descriptions on /docs, the switcher's "English").
 */
async function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skipped = (element: Element | null) => {
      if (!element || element.closest("script, style, code, pre, template, noscript")) return true;
      const marked = element.closest("[lang]:not(html)");
      return marked !== null && !marked.getAttribute("lang")?.startsWith("ru");
    };
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!skipped(node.parentElement) && node.textContent?.trim()) texts.push(node.textContent.trim());
    }
    for (const element of document.body.querySelectorAll("*")) {
      if (skipped(element)) continue;
      for (const name of ["title", "placeholder", "aria-label", "alt"]) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
      if (element instanceof HTMLInputElement && ["submit", "button", "reset"].includes(element.type))
        texts.push(element.value);
    }
    return texts;
  });
}

/**
 * Fails on any English page text or raw message key on the page, which must be in Russian.
 * `ignore`: texts the test itself put there (usernames, addresses), which are nobody's language.
 */
export async function expectAllRussian(page: Page, ignore: string[] = []): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  const texts = (await shownTexts(page)).map((text) =>
    ignore.reduce((remaining, word) => remaining.replaceAll(word, " "), text),
  );
  const english = texts.flatMap((text) =>
    ENGLISH.filter(({ pattern }) => pattern.test(text)).map(({ piece }) => `"${piece}" in "${text}"`),
  );
  const keys = texts.filter((text) => RAW_KEY.test(text));
  expect({ url: page.url(), english, keys }).toEqual({ url: page.url(), english: [], keys: [] });
  expect(texts.join(" "), `${page.url()} has no Russian text`).toMatch(/[А-Яа-яЁё]{3}/);
}
