import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { json, permissionDenied } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { issueToken, listTokens } from "@/lib/tokens";
import { tokenCreateSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async GET({ identity }) {
    return json(await listTokens(requireUser(identity).user.id));
  },
  POST: {
    permission: "authenticated",
    async handler({ identity, body, info }) {
      const { user, auth } = requireUser(identity);
      // A leaked token must not be able to mint its own replacements.
      if (auth.scheme === "token") return permissionDenied();
      const input = validate(tokenCreateSchema, body);
      return json(await issueToken(user, input.name ?? "", input.expires_in_days, info), 201);
    },
  },
});
