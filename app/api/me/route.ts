import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { updateProfile } from "@/lib/users/account";
import { serializeUser } from "@/lib/users/shape";
import { profileSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: {
    permission: "authenticated",
    async handler({ identity }) {
      return json(serializeUser(identity.user));
    },
  },
  PATCH: {
    permission: "authenticated",
    async handler({ identity, body }) {
      const { user } = identity;
      return json(serializeUser(await updateProfile(user.id, validate(profileSchema, body))));
    },
  },
});
