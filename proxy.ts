import { NextResponse, type NextRequest } from "next/server";
import { providerFormOrigins } from "@/lib/auth/providers";
import { isSecureRequest } from "@/lib/auth/request-info";
import { config as settings } from "@/lib/env";
import { refreshSessionCookie } from "@/lib/auth/session";

// Security headers for every page. Pages get a Content-Security-Policy with a fresh nonce per
// request (Next.js reads it from the request's CSP header and puts it on its own scripts), so no
// inline script runs without it: no 'unsafe-inline' for scripts. API responses need no nonce: their
// headers are static, in next.config.mjs, and this proxy does not run for /api (see `config`).
// Identity is not checked here: it is checked where data is read.

function pagePolicy(nonce: string, secure: boolean): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React's development build evaluates code for fast refresh; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // A provider's sign-in is a form post answered with a redirect to the provider, and browsers
    // hold that redirect to form-action too.
    ["form-action 'self'", ...providerFormOrigins(settings)].join(" "),
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const secure = isSecureRequest(request.headers);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce, secure);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (secure) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  refreshSessionCookie(request, response, secure);
  return response;
}

export const config = {
  // Static assets are immutable files: no nonce to give them. API routes get static headers.
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon.ico).*)"],
};
