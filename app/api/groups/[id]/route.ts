import { endpoint } from "@/lib/api/endpoint";
import { deleteGroup, findGroup, updateGroup } from "@/lib/permissions/groups";
import { notFound } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/groups/{id}", {
  async GET({ params }) {
    return (await findGroup(params.id)) ?? notFound();
  },
  async PATCH({ identity, params, input, info }) {
    return updateGroup(identity, params.id, input, info);
  },
  async DELETE({ identity, params, info }) {
    const result = await deleteGroup(identity, params.id, info);
    return result.ok ? undefined : result;
  },
});
