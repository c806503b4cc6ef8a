// Starts tests/support/oidc-idp.mjs (a real OpenID Connect provider) as a child process: the
// package is ESM-only, and the tests are loaded as CommonJS as well (node --test, Playwright).
import { spawn } from "node:child_process";
import path from "node:path";

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's settings for this provider (AUTH_OIDC_*). */
  appEnv(extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
};

/** `log`: where the provider's stderr goes (why it refused a client), for debugging. */
export async function startTestIdp(log?: (line: string) => void): Promise<TestIdp> {
  const child = spawn(process.execPath, [path.join(process.cwd(), "tests", "support", "oidc-idp.mjs")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const first = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const line = output.split("\n").find((text) => text.startsWith("{"));
      if (line) resolve(line);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      log?.(chunk.toString("utf8"));
    });
    child.once("exit", (code) => reject(new Error(`The test OpenID Connect provider exited (${code}):\n${output}`)));
  });
  const { issuer, clientId, clientSecret } = JSON.parse(first) as {
    issuer: string;
    clientId: string;
    clientSecret: string;
  };
  process.once("exit", () => child.kill("SIGKILL"));
  return {
    issuer,
    clientId,
    clientSecret,
    appEnv: (extra = {}) => ({
      AUTH_OIDC_ISSUER: issuer,
      AUTH_OIDC_ID: clientId,
      AUTH_OIDC_SECRET: clientSecret,
      AUTH_OIDC_NAME: "Test IdP",
      ...extra,
    }),
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    },
  };
}
