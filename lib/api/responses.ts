import "server-only";
import { renderErrors, renderMessage } from "@/lib/i18n/render-message";
import type { Locale } from "@/lib/i18n/locale";
import { messages, type Message } from "@/lib/messages";
import type { FieldErrors } from "@/lib/validation";

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
 * An answer that is a message for a person (every error, and a success that is only a `detail`):
 * DRF's `{"detail": …}` or its field errors, as codes. It becomes a Response only where the
 * request's language is known (lib/api/language.ts), rendered from messages/<language>.json.
 */
export type MessageAnswer = { status: number; headers?: HeadersInit } & ({ detail: Message } | { errors: FieldErrors });

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

export function detail(message: Message, status: number, headers?: HeadersInit): MessageAnswer {
  return { status, headers, detail: message };
}

export function fieldErrors(errors: FieldErrors, status = 400): MessageAnswer {
  return { status, errors };
}

export function throttled(retryAfter: number): MessageAnswer {
  return detail(messages.throttled(retryAfter), 429, { "Retry-After": String(retryAfter) });
}

export function notAuthenticated(message: Message = messages.notAuthenticated): MessageAnswer {
  return detail(message, 401, { "WWW-Authenticate": "Token" });
}

export function permissionDenied(): MessageAnswer {
  return detail(messages.permissionDenied, 403);
}

/** The answer in `locale`'s words. */
export function messageResponse(answer: MessageAnswer, locale: Locale): Response {
  const body =
    "detail" in answer ? { detail: renderMessage(answer.detail, locale) } : renderErrors(answer.errors, locale);
  return json(body, answer.status, answer.headers);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** A problem with the request that the handler reports as DRF does (status and body). */
export class ApiError extends Error {
  constructor(readonly answer: MessageAnswer) {
    super(`API error ${answer.status}`);
    this.name = "ApiError";
  }
}
