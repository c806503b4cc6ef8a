import { endpoint } from "@/lib/api/endpoint";
import { listConnections } from "@/lib/connections";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/connections", {
  async GET({ identity }) {
    return listConnections(identity.user.id);
  },
});
