import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { client } from "../support/client";
import { startServer, type TestServer } from "../support/server";

// Which language a page is written in, as the browser is told (<html lang>): the `lang` cookie the
// switcher sets, else Accept-Language, else English.

let server: TestServer;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

async function htmlLang(path: string, headers: Record<string, string>, cookie?: string): Promise<string | undefined> {
  const browser = client(server.url);
  if (cookie) browser.setCookie("lang", cookie);
  const response = await browser.get(path, { headers });
  assert.equal(response.status, 200);
  return /<html[^>]*\slang="([^"]*)"/.exec(response.text)?.[1];
}

describe("<html lang> of a page", () => {
  it("is ru for Accept-Language: ru, and the page is in Russian", async () => {
    const browser = client(server.url);
    const response = await browser.get("/login", { headers: { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" } });
    assert.match(response.text, /<html[^>]*\slang="ru"/);
    assert.match(response.text, /<title>Вход · Vestibule<\/title>/);
  });

  it("is en for Accept-Language: *", async () => {
    assert.equal(await htmlLang("/login", { "accept-language": "*" }), "en");
  });

  it("is en for a header naming neither language, and for none", async () => {
    assert.equal(await htmlLang("/", { "accept-language": "de-DE,fr;q=0.8" }), "en");
    assert.equal(await htmlLang("/", {}), "en");
  });

  it("follows the lang cookie before Accept-Language", async () => {
    assert.equal(await htmlLang("/register", { "accept-language": "en-US" }, "ru"), "ru");
    assert.equal(await htmlLang("/register", { "accept-language": "ru" }, "en"), "en");
  });

  it("ignores a lang cookie naming a language the app does not speak", async () => {
    assert.equal(await htmlLang("/register", { "accept-language": "ru" }, "de"), "ru");
  });
});
