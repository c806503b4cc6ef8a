import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { json } from "@/lib/api/responses";
import { listSessions } from "@/lib/auth/sessions";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async GET({ identity }) {
    const { user, auth } = requireUser(identity);
    return json(await listSessions(user.id, auth.scheme === "session" ? auth.sessionId : null));
  },
});
