import { endpoint } from "@/lib/api/endpoint";
import { exportPersonalData } from "@/lib/users/personal-data";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/me/export", {
  async GET({ identity }) {
    const { user, auth } = identity;
    return exportPersonalData(user, auth.scheme === "session" ? auth.sessionId : null);
  },
});
