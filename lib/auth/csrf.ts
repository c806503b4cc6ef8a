import "server-only";
import { config } from "@/lib/env";
import type { RequestInfo } from "@/lib/auth/types";

// Django's Origin check. A browser names the page's origin on every unsafe cross-site request;
// a request whose Origin is neither ours nor listed in TRUSTED_ORIGINS was sent by another site
// riding on the visitor's cookie. Scripts send no Origin, and are not refused by this rule.

/** The origin the client called, from its Host header (as Django's request.get_host()). */
export function ownOrigin(request: RequestInfo): string | null {
  const host = (config.TRUST_PROXY > 0 ? request.headers.get("x-forwarded-host") : null) ?? request.headers.get("host");
  return host ? `${request.secure ? "https" : "http"}://${host.trim().toLowerCase()}` : null;
}

/** The refused Origin, or null when the request may proceed. */
export function untrustedOrigin(request: RequestInfo): string | null {
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const normalised = origin.trim().toLowerCase();
  if (normalised === ownOrigin(request)) return null;
  if (config.TRUSTED_ORIGINS.some((trusted) => trusted.toLowerCase() === normalised)) return null;
  return origin;
}
