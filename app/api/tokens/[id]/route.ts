import { endpoint } from "@/lib/api/endpoint";
import { detail, noContent } from "@/lib/api/responses";
import { messages } from "@/lib/messages";
import { revokeToken } from "@/lib/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/tokens/{id}", {
  async DELETE({ identity, params, info }) {
    const { user } = identity;
    return (await revokeToken(user.id, params.id, info)) ? noContent() : detail(messages.notFound, 404);
  },
});
