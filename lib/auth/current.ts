import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { authenticateRequest } from "@/lib/auth/identity";
import { requestInfo } from "@/lib/auth/request-info";
import { ANONYMOUS, AuthenticationFailed, AuthenticationThrottled, type Identity } from "@/lib/auth/types";

/**
 * The identity of the request being rendered, for server components and server actions: the
 * same schemes as the API, read once per request. A page treats a bad credential as anonymous.
 */
export const currentIdentity = cache(async (): Promise<Identity> => {
  try {
    return await authenticateRequest(requestInfo(await headers()));
  } catch (error) {
    if (error instanceof AuthenticationFailed || error instanceof AuthenticationThrottled) return ANONYMOUS;
    throw error;
  }
});

/** Client information of the request being handled, for server actions. */
export async function currentRequestInfo() {
  return requestInfo(await headers());
}
