import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// The test runner starts `npm start` on a fresh database and passes its address in BASE_URL.
// Playwright cannot download its own browsers on our machines: use Debian's Chromium when it
// is there (or CHROMIUM_PATH), else Playwright's own browser, as on a developer's laptop.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

export default defineConfig({
  testDir: "e2e",
  workers: 2,
  retries: 0,
  reporter: "list",
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
});
