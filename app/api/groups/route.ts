import { endpoint } from "@/lib/api/endpoint";
import { createGroup, listGroups } from "@/lib/permissions/groups";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/groups", {
  async GET() {
    return listGroups();
  },
  async POST({ identity, input, info }) {
    return createGroup(identity, input, info);
  },
});
