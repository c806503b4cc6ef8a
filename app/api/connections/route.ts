import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { listConnections } from "@/lib/connections";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/connections", {
  async GET({ identity }) {
    return json(await listConnections(identity.user.id));
  },
});
