import "server-only";
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { config } from "@/lib/env";
import type { RequestInfo } from "@/lib/auth/types";

// The client address is the TCP peer's (recorded by lib/client-address.cjs in front of Next.js).
// X-Forwarded-For is believed only for as many proxy hops as TRUST_PROXY names: with N trusted
// proxies in front, the client is the N-th address from the right of [...X-Forwarded-For, peer].

const PEER_HEADER = "x-vestibule-peer";

function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const unmapped = trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(unmapped) ? unmapped : "unknown";
}

export function clientAddressFrom(headers: Headers, trustedHops = config.TRUST_PROXY): string {
  const peer = headers.get(PEER_HEADER) ?? "";
  if (trustedHops === 0) return normalise(peer);
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  return normalise(chain[Math.max(0, chain.length - 1 - trustedHops)]);
}

/** https only as a trusted proxy reports it: `next start` itself never terminates TLS. */
export function isSecureRequest(headers: Headers, trustedHops = config.TRUST_PROXY): boolean {
  return trustedHops > 0 && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function requestInfo(headers: Headers): RequestInfo {
  return { headers, clientAddress: clientAddressFrom(headers), secure: isSecureRequest(headers), requestId: randomUUID() };
}
