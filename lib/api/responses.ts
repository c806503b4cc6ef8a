import "server-only";
import { messages } from "@/lib/messages";

/**
 * API answers carry sessions, tokens, keys and personal data: no browser, proxy or CDN may keep
 * a copy (a shared cache would hand one person's answer to the next). Every /api response but
 * the OpenAPI document goes through here, errors included.
 */
export function noStore(response: Response): Response {
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

export function detail(message: string, status: number, headers?: HeadersInit): Response {
  return json({ detail: message }, status, headers);
}

export function throttled(retryAfter: number): Response {
  return detail(messages.throttled(retryAfter), 429, { "Retry-After": String(retryAfter) });
}

export function notAuthenticated(message: string = messages.notAuthenticated): Response {
  return detail(message, 401, { "WWW-Authenticate": "Token" });
}

export function permissionDenied(): Response {
  return detail(messages.permissionDenied, 403);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** A problem with the request that the handler reports as DRF does (status and body). */
export class ApiError extends Error {
  constructor(readonly response: Response) {
    super(`API error ${response.status}`);
    this.name = "ApiError";
  }
}
