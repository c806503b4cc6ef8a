import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { openApiDocument } from "@/lib/openapi";

const document = openApiDocument();

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/openapi.json", {
  async GET() {
    // Generated from lib/messages.ts's English: the document is English whatever the request's language.
    return json(document, 200, { "Content-Language": "en" });
  },
});
