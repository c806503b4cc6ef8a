import "server-only";
import { basicScheme } from "@/lib/auth/schemes/basic";
import { sessionScheme } from "@/lib/auth/schemes/session";
import { tokenScheme } from "@/lib/auth/schemes/token";
import { ANONYMOUS, type AuthenticationScheme, type Identity, type RequestInfo } from "@/lib/auth/types";

// DRF's authentication_classes: tried in order; the first scheme that recognises a credential
// decides. A scheme throws AuthenticationFailed for a credential that is malformed or wrong.
export const AUTHENTICATION_SCHEMES: readonly AuthenticationScheme[] = [sessionScheme, tokenScheme, basicScheme];

export async function authenticateRequest(request: RequestInfo): Promise<Identity> {
  for (const scheme of AUTHENTICATION_SCHEMES) {
    const result = await scheme.authenticate(request);
    if (result) return result;
  }
  return ANONYMOUS;
}
