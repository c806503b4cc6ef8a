// Reading the mail of e-mail verification and security notices: the first message to an address
// after a point in the sink's history, and the verification link in it.
import assert from "node:assert/strict";
import type { MailSink, ReceivedMail } from "./extra-mail";

/** Resolves with the first message to `address` among those received after `after` (a count), waiting for it. */
export async function mailTo(sink: MailSink, address: string, after = 0, reads = 300): Promise<ReceivedMail> {
  const wanted = address.toLowerCase();
  for (let attempt = 0; attempt < reads; attempt += 1) {
    const found = sink.messages.slice(after).find((message) => message.to.includes(wanted));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`no mail to ${address}`);
}

/** Every message to `address` so far. */
export function mailsTo(sink: MailSink, address: string): ReceivedMail[] {
  return sink.messages.filter((message) => message.to.includes(address.toLowerCase()));
}

/** The token of the verification link in a message, with the whole link. */
export function verifyLinkOf(mail: ReceivedMail): { link: string; token: string; path: string } {
  const match = /https?:\/\/\S+\/email\/verify\?\S+/.exec(mail.text);
  assert.ok(match, `no verification link in:\n${mail.text}`);
  const url = new URL(match[0]);
  const token = url.searchParams.get("token");
  assert.ok(token, `the link has no token: ${match[0]}`);
  return { link: match[0], token, path: url.pathname };
}

/** A notice holds no secret and no link that acts: the only link is to /account. */
export function assertHarmlessNotice(mail: ReceivedMail, appUrl: string): void {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  assert.deepEqual(links, [`${appUrl}/account`], `a notice with other links:\n${mail.text}`);
  // Tokens, keys and codes are long random strings; nothing in a notice is.
  assert.ok(!/[A-Za-z0-9_-]{32,}/.test(mail.text), `a notice with something like a credential in it:\n${mail.text}`);
}

/**
 * Verifies `address` with the link of the first mail to it after `after` (a count of the sink's
 * messages): notices and reset links go only to verified addresses.
 */
export async function verifyAddress(sink: MailSink, baseUrl: string, address: string, after = 0): Promise<void> {
  const { token } = verifyLinkOf(await mailTo(sink, address, after));
  const response = await fetch(new URL("/api/email/verify", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  assert.equal(response.status, 200, await response.text());
}
