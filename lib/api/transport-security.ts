import "server-only";
import { isSecureRequest } from "@/lib/auth/request-info";

// API responses get their static security headers from next.config.mjs (proxy.ts runs for pages
// only: a proxy pass per API request cost more than the request's own work). HSTS cannot be static:
// whether a request came over https depends on TRUST_PROXY, read at run time.

const HSTS = "max-age=63072000; includeSubDomains";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** The handler, with Strict-Transport-Security added when a trusted proxy reports https. */
export function withTransportSecurity<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const response = await handler(request, context);
    if (isSecureRequest(request.headers)) response.headers.set("Strict-Transport-Security", HSTS);
    return response;
  };
}
