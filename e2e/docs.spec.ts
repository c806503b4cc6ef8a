import { expect, test } from "@playwright/test";

type OpenApi = { info: { title: string }; paths: Record<string, Record<string, { summary?: string }>> };

test("lists every operation of /api/openapi.json, each with its own heading and anchor", async ({ page, request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as OpenApi;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  expect(operations.length).toBeGreaterThan(10);

  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "API documentation", level: 1 })).toBeVisible();
  for (const { path, method, operation } of operations) {
    const heading = page.getByRole("heading", { name: `${method.toUpperCase()} ${path}`, exact: true, level: 3 });
    await expect(heading).toBeVisible();
    const section = page.getByRole("region", { name: `${method.toUpperCase()} ${path}`, exact: true });
    if (operation.summary) await expect(section).toContainText(operation.summary);
  }
  // Paths are listed (visible) in the table of contents too.
  const contents = page.getByRole("navigation", { name: "Endpoints" });
  for (const path of Object.keys(document.paths)) {
    await expect(contents.getByText(path, { exact: true }).first()).toBeVisible();
  }
});

test("shows request fields, who may call, and responses for an endpoint", async ({ page }) => {
  await page.goto("/docs#post-api-register");
  const register = page.getByRole("region", { name: "POST /api/register", exact: true });
  const fields = register.getByRole("table", { name: "Request body" });
  await expect(fields.getByRole("row", { name: /username/ })).toContainText("required");
  await expect(fields.getByRole("row", { name: /first_name/ })).toContainText("optional");
  await expect(register).toContainText("Who may call it: Anyone.");
  await expect(register.getByRole("table", { name: "Responses" }).getByRole("row", { name: /^201/ })).toBeVisible();

  const me = page.getByRole("region", { name: "GET /api/me", exact: true });
  await expect(me).toContainText("Authenticated callers: session cookie, Token, Bearer or Basic.");
  await expect(me.getByRole("table", { name: "Responses" })).toContainText("401");
});

test("introduces the three schemes and links the machine-readable document", async ({ page }) => {
  await page.goto("/docs");
  const schemes = page.getByRole("region", { name: "Authentication" });
  await expect(schemes).toContainText("Authorization: Token <key>");
  await expect(schemes).toContainText("Authorization: Bearer <key>");
  await expect(schemes).toContainText("Authorization: Basic");
  await page.getByRole("link", { name: "/api/openapi.json", exact: true }).click();
  await expect(page).toHaveURL(/\/api\/openapi\.json$/);
});
