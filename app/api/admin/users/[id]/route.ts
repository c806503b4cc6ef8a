import { endpoint } from "@/lib/api/endpoint";
import { detail, json, permissionDenied } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { updateManagedUser, userDetail } from "@/lib/users/managed-users";
import { staffUserUpdateSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/admin/users/{id}", {
  async GET({ params }) {
    const user = await userDetail(params.id);
    return user ? json(user) : detail(messages.notFound, 404);
  },
  async PATCH({ identity, params, body, info }) {
    const result = await updateManagedUser(
      params.id,
      validate(staffUserUpdateSchema, body),
      identity.user,
      info.requestId,
    );
    if (result.ok) return json(result.user);
    return result.reason === "forbidden" ? permissionDenied() : detail(messages.notFound, 404);
  },
});
