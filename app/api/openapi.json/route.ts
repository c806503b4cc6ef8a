import { endpoint } from "@/lib/api/endpoint";
import { openApiDocument } from "@/lib/openapi";

const document = openApiDocument();

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/openapi.json", {
  async GET() {
    return document;
  },
});
