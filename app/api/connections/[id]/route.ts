import { endpoint } from "@/lib/api/endpoint";
import { detail, noContent } from "@/lib/api/responses";
import { removeConnection } from "@/lib/connections";
import { messages } from "@/lib/messages";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/connections/{id}", {
  async DELETE({ identity, info, params }) {
    const outcome = await removeConnection(identity.user.id, params.id, info);
    if (outcome === "not-found") return detail(messages.notFound, 404);
    return outcome === "last-way" ? detail(messages.lastWayToSignIn, 409) : noContent();
  },
});
