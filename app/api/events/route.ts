import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { json } from "@/lib/api/responses";
import { listEvents } from "@/lib/audit";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async GET({ identity }) {
    return json(await listEvents(requireUser(identity).user.id));
  },
});
