import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { editProfile } from "@/lib/users/profile";
import { serializeUser } from "@/lib/users/shape";
import { profileSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async GET({ identity }) {
    return json(serializeUser(requireUser(identity).user));
  },
  PATCH: {
    permission: "authenticated",
    async handler({ identity, body, info }) {
      const result = await editProfile(requireUser(identity).user, validate(profileSchema, body), info);
      if (result.ok) return json(serializeUser(result.user));
      return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
    },
  },
});
