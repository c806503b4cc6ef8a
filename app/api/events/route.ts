import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { listEvents } from "@/lib/audit";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/events", {
  async GET({ identity }) {
    return json(await listEvents(identity.user.id));
  },
});
