import "server-only";
import { config } from "@/lib/env";

// WebAuthn's relying party is the configured public origin, never a request's Host header: the
// id is APP_URL's host, the expected origin APP_URL's origin.
export const RP_NAME = "Vestibule";

export function relyingParty(): { rpID: string; origin: string } {
  const url = new URL(config.APP_URL ?? "http://localhost");
  return { rpID: url.hostname, origin: url.origin };
}

/** A challenge lives five minutes, as the contract says. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
