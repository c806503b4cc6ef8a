// Posting a page's form as a browser without JavaScript would: a server action's form is a
// multipart post of its inputs (React's hidden action fields among them) and of the button pressed.
import assert from "node:assert/strict";
import type { Client } from "./client";
import { SESSION_COOKIE } from "./client";
import { remember } from "./secrets";

const ENTITIES: Record<string, string> = { "&quot;": '"', "&#x27;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
const decode = (text: string) => text.replace(/&(?:quot|#x27|lt|gt|amp);/g, (entity) => ENTITIES[entity]);

/** The first <form> of the page whose HTML holds every one of `markers` (React orders attributes its own way), or undefined. */
export function formHolding(html: string, markers: readonly string[]): string | undefined {
  for (const [form] of html.matchAll(/<form[^>]*>(?:(?!<\/form>).)*<\/form>/gs))
    if (markers.every((marker) => form.includes(marker))) return form;
  return undefined;
}

/** The form's inputs, names and values as the browser would send them (buttons are not inputs). */
export function inputsOf(form: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const [, attributes] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(attributes)?.[1];
    if (name) fields.push([decode(name), decode(/value="([^"]*)"/.exec(attributes)?.[1] ?? "")]);
  }
  return fields;
}

export type FormAnswer = { status: number; location: string; text: string };

/**
 * Posts `form` (from the page at `path`) with `fields` set over its inputs, carrying `browser`'s
 * session cookie; cookies the answer sets go into the browser's jar.
 */
export async function postForm(
  baseUrl: string,
  path: string,
  form: string,
  fields: Record<string, string>,
  browser: Client,
): Promise<FormAnswer> {
  const body = new FormData();
  for (const [name, value] of inputsOf(form)) body.append(name, value);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (fields.password) remember(fields.password);
  const session = browser.cookie();
  const response = await fetch(new URL(new URL(path, baseUrl).pathname, baseUrl), {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: baseUrl, ...(session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}) },
  });
  const text = await response.text();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    if (pair.slice(at + 1)) browser.setCookie(pair.slice(0, at), pair.slice(at + 1));
  }
  return { status: response.status, location: response.headers.get("location") ?? "", text };
}

/** The page at `path` as `browser` sees it, and its form holding `markers` (asserted to be there). */
export async function pageForm(browser: Client, path: string, markers: readonly string[]): Promise<string> {
  const page = await browser.get(path);
  assert.equal(page.status, 200, page.text.slice(0, 300));
  const form = formHolding(page.text, markers);
  assert.ok(form, `no form with ${markers.join(" ")} on ${path}`);
  return form;
}
