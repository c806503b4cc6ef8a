import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { logInThroughForm, newPerson } from "./people";
import { signUpThroughApi, withEmail, type Member, verifyFromMail } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { openMailbox, type Mailbox } from "./support/mailbox";

// What a person finds in their inbox when something happens to their account. WebAuthn needs a
// host name as the relying party id, so this spec's server is at http://localhost:<port>.

test.describe.configure({ timeout: 120_000 });

let server: AppServer;
let mailbox: Mailbox;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mailbox = await openMailbox();
  server = await startAppServer({ SMTP_URL: mailbox.smtpUrl }, "localhost");
});

test.afterAll(async () => {
  await server?.stop();
  await mailbox?.close();
});

const at = (path: string) => `${server.url}${path}`;

/** A member who signed up through the API (another device): their browser here is new to the account. */
async function member(prefix: string): Promise<Member> {
  const person = withEmail(newPerson(prefix));
  await (await signUpThroughApi(server.url, person)).dispose();
  // Notices go only to a verified address.
  await verifyFromMail(server.url, await mailbox.next(person.email));
  return person;
}

/** The only link in a notice is the account page, and it names no credential. */
function expectHarmless(mail: ParsedMail): void {
  expect(mail.text?.match(/https?:\/\/\S+/g)).toEqual([at("/account")]);
}

async function signIn(page: Page, person: Member): Promise<void> {
  await page.goto(at("/login?next=/account"));
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(at("/account"));
}

test("a sign-in from a new browser is mailed, with the browser named, and the account page shows it", async ({
  page,
}) => {
  const person = await member("newdevice");
  await signIn(page, person);
  const mail = await mailbox.next(person.email);
  expect(mail.subject).toBe("New sign-in to your Vestibule account");
  expect(mail.text).toMatch(/^Browser: Chrome \d+ on \w+$/m);
  expectHarmless(mail);
  await expect(
    page.getByRole("region", { name: "Recent activity" }).getByText("Signed in from a new device"),
  ).toBeVisible();
});

test("adding and removing a passkey is mailed", async ({ page }) => {
  const person = await member("notepass");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  await signIn(page, person);
  await mailbox.next(person.email); // the new-device notice
  const section = page.getByRole("region", { name: "Passkeys" });
  await section.getByLabel("Passkey name").fill("Laptop");
  await section.getByRole("form", { name: "Add a passkey" }).getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByText("Passkey added.")).toBeVisible();
  const added = await mailbox.next(person.email);
  expect(added.subject).toBe("A passkey was added to your Vestibule account");
  expectHarmless(added);

  await section
    .getByRole("form", { name: "Remove the passkey Laptop" })
    .getByLabel("Your password")
    .fill(person.password);
  await section.getByRole("button", { name: "Remove the passkey Laptop" }).click();
  await expect(section.getByText("You have no passkeys.")).toBeVisible();
  const removed = await mailbox.next(person.email);
  expect(removed.subject).toBe("A passkey was removed from your Vestibule account");
  expectHarmless(removed);
});

test("a password changed on the account page is mailed", async ({ page }) => {
  const person = await member("notepw");
  await signIn(page, person);
  await mailbox.next(person.email); // the new-device notice
  const section = page.getByRole("region", { name: "Change password" });
  await section.getByLabel("Current password").fill(person.password);
  await section.getByLabel("New password").fill("Amber-Signal-Tower-62");
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByRole("status")).toHaveText("New password has been saved.");
  const mail = await mailbox.next(person.email);
  expect(mail.subject).toBe("Your Vestibule password was changed");
  expectHarmless(mail);
});
