import { endpoint } from "@/lib/api/endpoint";
import { notFound } from "@/lib/refusal";
import { updateManagedUser, userDetail } from "@/lib/users/managed-users";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/admin/users/{id}", {
  async GET({ params }) {
    return (await userDetail(params.id)) ?? notFound();
  },
  async PATCH({ identity, params, input, info }) {
    const result = await updateManagedUser(params.id, input, identity, info.requestId);
    return result.ok ? result.user : result;
  },
});
