import "server-only";
import type { Locale } from "@/lib/i18n/locale";
import { requestLocale } from "@/lib/i18n/request-locale";

// The API answers in the request's language as Django's LocaleMiddleware does: the `lang` cookie,
// else Accept-Language, else English. Only messages change (`detail`, the lists of field errors
// and non_field_errors: lib/api/responses.ts renders them in the locale handed to the handler);
// field names, event names and every other value stay as they are. Content-Language says which
// language was chosen; Vary says what the choice depended on.

const VARY = "Accept-Language, Cookie";

type Handler<C> = (request: Request, context: C) => Promise<Response>;
type LocalisedHandler<C> = (request: Request, context: C, locale: Locale) => Promise<Response>;

/**
 * The handler, given the request's language (worked out once per request); every response says
 * its language. A response that names its own language (the OpenAPI document, English only) keeps it.
 */
export function withLanguage<C>(handler: LocalisedHandler<C>): Handler<C> {
  return async (request, context) => {
    const locale = requestLocale(request.headers);
    const response = await handler(request, context, locale);
    if (response.headers.has("Content-Language")) return response;
    response.headers.set("Content-Language", locale);
    response.headers.append("Vary", VARY);
    return response;
  };
}
