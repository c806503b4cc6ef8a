import "server-only";
import { withLanguage } from "@/lib/api/language";
import { detail, messageResponse, noStore } from "@/lib/api/responses";
import { withTransportSecurity } from "@/lib/api/transport-security";
import { messages } from "@/lib/messages";

// Every method of a route that only says "no such endpoint": JSON, not Next.js's HTML 404 page.
const notFound = withTransportSecurity(
  withLanguage(async (_request, _context, locale) => noStore(messageResponse(detail(messages.notFound, 404), locale))),
);

export const NOT_FOUND_ROUTES = {
  GET: notFound,
  HEAD: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
  OPTIONS: notFound,
};
