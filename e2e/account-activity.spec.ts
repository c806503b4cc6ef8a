import { expect, request as apiRequest, test } from "@playwright/test";
import { logInToAccount, newPerson, registerThroughApi } from "./people";

test("recent activity tells the person about their sign-ins, newest first", async ({ page, baseURL }) => {
  const person = newPerson("activity");
  await registerThroughApi(baseURL, person);
  const api = await apiRequest.newContext({ baseURL });
  expect((await api.post("/api/login", { data: { ...person, password: "Wrong-Password-99" } })).status()).toBe(400);
  await api.dispose();

  await logInToAccount(page, person);

  const entries = page.getByRole("list", { name: "Recent activity" }).getByRole("listitem");
  await expect(entries.first()).toContainText(/^Signed in from 127\.0\.0\.1 at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(entries.filter({ hasText: "Failed sign-in from 127.0.0.1" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Account created from 127.0.0.1" })).toHaveCount(1);
  // This browser, told apart by its user agent in a few words.
  await expect(entries.first()).toContainText(/Chrome \d+ on \w+/);
});
