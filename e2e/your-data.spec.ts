import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { logInThroughForm, logInToAccount, newPerson, registerThroughApi } from "./people";

// A person downloads everything kept about them, and deletes their account, from /account.

test.describe.configure({ timeout: 90_000 });

const section = (page: Page) => page.getByRole("region", { name: "Your data" });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "with JavaScript turned off", () => {
    test.use({ javaScriptEnabled });

    test("a person downloads their data as one JSON file", async ({ page, baseURL }) => {
      const person = newPerson("export");
      await registerThroughApi(baseURL, person);
      await logInToAccount(page, person);
      const downloading = page.waitForEvent("download");
      await section(page).getByRole("link", { name: "Download my data" }).click();
      const download = await downloading;
      const data = JSON.parse(await fs.readFile((await download.path()) as string, "utf8")) as {
        user: { username: string };
        events: Array<{ event: string }>;
      };
      expect(data.user.username).toBe(person.username);
      expect(data.events.map((event) => event.event)).toContain("login");
      expect(JSON.stringify(data)).not.toContain(person.password);
    });

    test("a person deletes their account after confirming, and can no longer log in", async ({ page, baseURL }) => {
      const person = newPerson("delete");
      await registerThroughApi(baseURL, person);
      await logInToAccount(page, person);
      const form = section(page).getByRole("form", { name: "Delete my account" });
      const password = form.getByLabel("Your password, to delete the account");

      await password.fill(person.password);
      await form.getByRole("button", { name: "Delete my account" }).click();
      await expect(form.getByText("Tick the box to confirm that the account should be deleted.")).toBeVisible();

      await form.getByLabel("I understand that my account will be deleted for good").check();
      await password.fill("Not-the-password-7");
      await form.getByRole("button", { name: "Delete my account" }).click();
      await expect(password).toHaveAccessibleDescription(/Your password was entered incorrectly/);

      await form.getByLabel("I understand that my account will be deleted for good").check();
      await password.fill(person.password);
      await form.getByRole("button", { name: "Delete my account" }).click();
      await expect(page).toHaveURL("/?account=deleted");
      await expect(page.getByRole("status")).toHaveText("Your account has been deleted.");
      await expect(page.getByText("You are not signed in")).toBeVisible();

      await page.goto("/login");
      await logInThroughForm(page, person);
      await expect(
        page.getByRole("alert").filter({ hasText: "Unable to log in with provided credentials." }),
      ).toBeVisible();
    });
  });
}
