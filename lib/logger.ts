import "server-only";
import pino from "pino";
import { config } from "@/lib/env";

// Structured JSON logs. Anything that could carry a secret is redacted by path, as a second
// line of defence: the code never puts passwords, hashes, keys or tokens in a log call.
export const logger = pino({
  level: config.LOG_LEVEL,
  base: undefined,
  redact: {
    paths: ["password", "*.password", "token", "*.token", "key", "*.key", "authorization", "*.authorization", "cookie", "*.cookie", "sessionToken", "*.sessionToken"],
    censor: "[redacted]",
  },
});
