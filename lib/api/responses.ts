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

/**
 * The bodies that are messages for a person (every error, and a success that is only a `detail`),
 * kept beside their responses so that lib/api/language.ts can answer them in the request's
 * language without parsing them again. Other bodies (a user, a list) are never touched.
 */
const messageBodies = new WeakMap<Response, Record<string, unknown>>();

export function messageBodyOf(response: Response): Record<string, unknown> | undefined {
  return messageBodies.get(response);
}

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(data, { status, headers });
  if (status >= 400 && data !== null && typeof data === "object" && !Array.isArray(data))
    messageBodies.set(response, data as Record<string, unknown>);
  return response;
}

export function detail(message: string, status: number, headers?: HeadersInit): Response {
  const data = { detail: message };
  const response = json(data, status, headers);
  messageBodies.set(response, data);
  return response;
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
