import { endpoint } from "@/lib/api/endpoint";
import { notFound } from "@/lib/refusal";
import { revokeToken } from "@/lib/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/tokens/{id}", {
  async DELETE({ identity, params, info }) {
    if (!(await revokeToken(identity.user.id, params.id, info))) return notFound();
  },
});
