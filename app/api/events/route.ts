import { endpoint } from "@/lib/api/endpoint";
import { listEvents } from "@/lib/audit";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/events", {
  async GET({ identity }) {
    return listEvents(identity.user.id);
  },
});
