import { endpoint } from "@/lib/api/endpoint";
import { listCatalogue } from "@/lib/permissions/catalogue";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/permissions", {
  async GET() {
    return listCatalogue();
  },
});
