import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { detail, noContent } from "@/lib/api/responses";
import { logOut } from "@/lib/auth/login";
import { revokeOwnSession } from "@/lib/auth/sessions";
import { messages } from "@/lib/messages";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async DELETE({ identity, info, params }) {
    const caller = requireUser(identity);
    // Ending the session this request came with is logging out: the cookie goes too.
    if (caller.auth.scheme === "session" && caller.auth.sessionId === params.id) {
      await logOut(caller, info);
      return noContent();
    }
    return (await revokeOwnSession(caller.user.id, params.id, info)) ? noContent() : detail(messages.notFound, 404);
  },
});
