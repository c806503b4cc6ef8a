import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { detail, noContent } from "@/lib/api/responses";
import { endOwnSession } from "@/lib/auth/login";
import { messages } from "@/lib/messages";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async DELETE({ identity, info, params }) {
    const ended = await endOwnSession(requireUser(identity), params.id, info);
    return ended === "not-found" ? detail(messages.notFound, 404) : noContent();
  },
});
