import { endpoint } from "@/lib/api/endpoint";
import { removeConnection } from "@/lib/connections";
import { messages } from "@/lib/messages";
import { conflict, notFound } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/connections/{id}", {
  async DELETE({ identity, info, params }) {
    const outcome = await removeConnection(identity.user.id, params.id, info);
    if (outcome === "not-found") return notFound();
    if (outcome === "last-way") return conflict(messages.lastWayToSignIn);
  },
});
