import "server-only";
import { randomUUID, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { config } from "@/lib/env";
import type { RequestInfo } from "@/lib/auth/types";

// The client address is the TCP peer's (recorded by lib/client-address.cjs in front of Next.js).
// X-Forwarded-For is believed only for as many proxy hops as TRUST_PROXY names: with N trusted
// proxies in front, the client is the N-th address from the right of [...X-Forwarded-For, peer].

const PEER_HEADER = "x-vestibule-peer";
const NONCE = Symbol.for("vestibule.peer-nonce");

/** A server that cannot tell its clients' addresses apart must not serve: the limits would be the client's to choose. */
export class ClientAddressUnavailable extends Error {
  constructor(reason: string) {
    super(
      `The client address is unknown (${reason}): lib/client-address.cjs must record each request's peer. It is loaded by next.config.mjs and by npm start.`,
    );
    this.name = "ClientAddressUnavailable";
  }
}

/**
 * The TCP peer that lib/client-address.cjs wrote as "<nonce> <address>". A header without this
 * process's nonce came from the client itself (the hook was not loaded, or not yet when the
 * request arrived): it is refused, never believed.
 */
function peerOf(headers: Headers): string {
  const nonce = (globalThis as Record<symbol, unknown>)[NONCE];
  if (typeof nonce !== "string") throw new ClientAddressUnavailable("the hook is not loaded in this process");
  const value = headers.get(PEER_HEADER) ?? "";
  const space = value.indexOf(" ");
  const mark = Buffer.from(space === -1 ? "" : value.slice(0, space));
  if (mark.length !== nonce.length || !timingSafeEqual(mark, Buffer.from(nonce)))
    throw new ClientAddressUnavailable("the request did not pass the hook");
  return value.slice(space + 1);
}

function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const unmapped = trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(unmapped) ? unmapped : "unknown";
}

export function clientAddressFrom(headers: Headers, trustedHops = config.TRUST_PROXY): string {
  return clientAddressOf(peerOf(headers), headers.get("x-forwarded-for"), trustedHops);
}

/** The client address from a peer known to be the TCP peer's (the hook's, or a socket's) and X-Forwarded-For. */
export function clientAddressOf(peer: string, forwardedFor: string | null, trustedHops = config.TRUST_PROXY): string {
  if (trustedHops === 0) return normalise(peer);
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return normalise(chain[Math.max(0, chain.length - 1 - trustedHops)]);
}

/** https only as a trusted proxy reports it: `next start` itself never terminates TLS. */
export function isSecureRequest(headers: Headers, trustedHops = config.TRUST_PROXY): boolean {
  return trustedHops > 0 && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function requestInfo(headers: Headers): RequestInfo {
  return {
    headers,
    clientAddress: clientAddressFrom(headers),
    secure: isSecureRequest(headers),
    requestId: randomUUID(),
  };
}
