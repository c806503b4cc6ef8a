import "server-only";
import { messageBodyOf } from "@/lib/api/responses";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translateMessage } from "@/lib/i18n/translate";

// The API answers in the request's language as Django's LocaleMiddleware does: the `lang` cookie,
// else Accept-Language, else English. Only messages change (`detail`, the lists of field errors
// and non_field_errors); field names, event names and every other value stay as they are.
// Content-Language says which language was chosen; Vary says what the choice depended on.

const VARY = "Accept-Language, Cookie";

function translated(body: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => {
      if (typeof value === "string") return [key, key === "detail" ? translateMessage(value, locale) : value];
      if (Array.isArray(value))
        return [key, value.map((item) => (typeof item === "string" ? translateMessage(item, locale) : item))];
      return [key, value];
    }),
  );
}

/**
 * The response in `locale`: a message body is rebuilt in that language (English ones are already
 * right: no work on the hot path), and every response says its language. A response that names
 * its own language (the OpenAPI document, English only) keeps it.
 */
export function inLanguage(response: Response, locale: Locale): Response {
  if (response.headers.has("Content-Language")) return response;
  const body = locale === DEFAULT_LOCALE ? undefined : messageBodyOf(response);
  const answer = body
    ? new Response(JSON.stringify(translated(body, locale)), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    : response;
  answer.headers.set("Content-Language", locale);
  answer.headers.append("Vary", VARY);
  return answer;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** The handler, answering in the request's language (worked out once per request). */
export function withLanguage<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const locale = requestLocale(request.headers);
    return inLanguage(await handler(request, context), locale);
  };
}
