import type { NextRequest } from "next/server";
import { readLimited } from "@/lib/api/body";
import { NOT_FOUND_ROUTES } from "@/lib/api/not-found";
import { ApiError, messageResponse, noStore } from "@/lib/api/responses";
import { DEFAULT_LOCALE } from "@/lib/i18n/locale";
import { handleAuthjsRequest } from "@/lib/login/authjs";
import { providerSummaries } from "@/lib/auth/providers";
import { isSecureRequest } from "@/lib/auth/request-info";
import { config } from "@/lib/env";

// Auth.js's routes, for one thing only: a configured provider sending the browser back
// (/api/auth/callback/<id>, GET, or POST for providers that answer with a form post). Sign-in
// starts in a server action (app/(auth)/login/provider-actions.ts). Logins with a password are
// POST /api/login's and the login form's, never Auth.js's.

type Context = { params: Promise<{ nextauth: string[] }> };

async function isProviderCallback(context: Context): Promise<boolean> {
  const path = (await context.params).nextauth;
  return path.length === 2 && path[0] === "callback" && providerSummaries(config).some(({ id }) => id === path[1]);
}

/**
 * The request on APP_URL's origin, which the provider was told the callback is at (not the address
 * Next.js listens on). A form post's body is read within the API's 64 KiB, as every body is.
 */
async function onAppOrigin(request: NextRequest): Promise<Request> {
  const body = request.method === "POST" ? await readLimited(request) : undefined;
  return new Request(new URL(request.nextUrl.pathname + request.nextUrl.search, config.APP_URL), {
    method: request.method,
    headers: request.headers,
    body,
  });
}

function handle(method: "GET" | "POST") {
  return async (request: NextRequest, context: Context): Promise<Response> => {
    if (!(await isProviderCallback(context))) return NOT_FOUND_ROUTES[method](request, context);
    let onOrigin: Request;
    try {
      onOrigin = await onAppOrigin(request);
    } catch (error) {
      // Past the endpoint wrapper, in the contract's language, as before this answer had words of its own.
      if (error instanceof ApiError) return noStore(messageResponse(error.answer, DEFAULT_LOCALE));
      throw error;
    }
    const answer = await handleAuthjsRequest(onOrigin, isSecureRequest(request.headers));
    // Auth.js writes this answer, past the endpoint wrapper: the redirect that sets the session
    // cookie must not be kept by any cache, as no other /api answer is. Copied first: its error
    // redirects are Response.redirect()s, whose headers cannot be changed.
    return noStore(new Response(answer.body, answer));
  };
}

export const GET = handle("GET");
export const POST = handle("POST");
export const { HEAD, PUT, PATCH, DELETE, OPTIONS } = NOT_FOUND_ROUTES;
