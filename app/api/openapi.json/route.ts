import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { openApiDocument } from "@/lib/openapi";

const document = openApiDocument();

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: {
    permission: "anyone",
    public: true,
    async handler() {
      return json(document);
    },
  },
});
