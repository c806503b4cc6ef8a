import { endpoint } from "@/lib/api/endpoint";
import { detail, noContent } from "@/lib/api/responses";
import { endOwnSession } from "@/lib/auth/login";
import { messages } from "@/lib/messages";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/sessions/{id}", {
  async DELETE({ identity, info, params }) {
    const ended = await endOwnSession(identity, params.id, info);
    return ended === "not-found" ? detail(messages.notFound, 404) : noContent();
  },
});
