import { expect, test, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { logInThroughForm, newPerson } from "./people";
import { signUpThroughApi, withEmail, verifyFromMail } from "./support/accounts";
import { startAppServer, type AppServer } from "./support/app-server";
import { openMailbox, type Mailbox } from "./support/mailbox";

// A person proves that an address is theirs by opening the mailed link and pressing the button
// (opening the link alone, as a mail scanner would, changes nothing).

let server: AppServer;
let mailbox: Mailbox;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mailbox = await openMailbox();
  server = await startAppServer({ SMTP_URL: mailbox.smtpUrl });
});

test.afterAll(async () => {
  await server?.stop();
  await mailbox?.close();
});

function verifyLink(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/email\/verify\?token=\S+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`No verification link in:\n${mail.text}`);
  return link;
}

const profile = (page: Page) => page.getByRole("region", { name: "Profile" });

async function signIn(page: Page, person: { username: string; password: string }) {
  await page.goto(`${server.url}/login?next=/account`);
  await logInThroughForm(page, person);
  await expect(page).toHaveURL(`${server.url}/account`);
}

async function confirmThroughLink(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your e-mail address" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByRole("status")).toHaveText("E-mail address verified.");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "with JavaScript turned off", () => {
    test.use({ javaScriptEnabled });

    test("a new member verifies their address from the mailed link, which works once", async ({ page }) => {
      const person = withEmail(newPerson("verify"));
      await (await signUpThroughApi(server.url, person)).dispose();
      const link = verifyLink(await mailbox.next(person.email));
      expect(link.startsWith(`${server.url}/email/verify?token=`)).toBe(true);

      await signIn(page, person);
      await expect(profile(page).getByText(`${person.email} is not verified yet.`)).toBeVisible();

      await confirmThroughLink(page, link);
      await page.goto(`${server.url}/account`);
      await expect(profile(page).getByText(`${person.email} is verified.`)).toBeVisible();

      await page.goto(link);
      await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "This verification link is invalid" })).toBeVisible();
    });

    test("a member changes their address with their password and asks for the link again", async ({ page }) => {
      const person = withEmail(newPerson("change"));
      await (await signUpThroughApi(server.url, person)).dispose();
      // The old address is told of the change only if it was verified.
      await verifyFromMail(server.url, await mailbox.next(person.email));
      await signIn(page, person);

      const newAddress = `${person.username}.new@example.com`;
      await profile(page).getByLabel("Email").fill(newAddress);
      await profile(page).getByRole("button", { name: "Save profile" }).click();
      await expect(profile(page).getByLabel("Password (to change the e-mail address)")).toHaveAccessibleDescription(
        /This field is required\./,
      );

      await profile(page).getByLabel("Password (to change the e-mail address)").fill(person.password);
      await profile(page).getByRole("button", { name: "Save profile" }).click();
      await expect(profile(page).getByRole("status")).toContainText("We sent a link to your new address");

      const notice = await mailbox.next(person.email);
      expect(notice.subject).toBe("Your Vestibule e-mail address was changed");
      await mailbox.next(newAddress);

      await page.goto(`${server.url}/account`);
      await expect(profile(page).getByText(`${newAddress} is not verified yet.`)).toBeVisible();
      await profile(page).getByRole("button", { name: "Send the verification link again" }).click();
      await expect(profile(page).getByRole("status").first()).toContainText("Verification e-mail has been sent.");
      await confirmThroughLink(page, verifyLink(await mailbox.next(newAddress)));
    });
  });
}
