import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { updateProfile } from "@/lib/users/account";
import { serializeUser } from "@/lib/users/shape";
import { profileSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/me", {
  async GET({ identity }) {
    return json(serializeUser(identity.user));
  },
  async PATCH({ identity, body }) {
    const { user } = identity;
    return json(serializeUser(await updateProfile(user.id, validate(profileSchema, body))));
  },
});
