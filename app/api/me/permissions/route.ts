import { endpoint } from "@/lib/api/endpoint";
import { myPermissions } from "@/lib/permissions/mine";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/me/permissions", {
  async GET({ identity }) {
    return myPermissions(identity);
  },
});
