import { endpoint } from "@/lib/api/endpoint";
import { listSessions } from "@/lib/auth/session";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/sessions", {
  async GET({ identity }) {
    const { user, auth } = identity;
    return listSessions(user.id, auth.scheme === "session" ? auth.sessionId : null);
  },
});
