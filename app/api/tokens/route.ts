import { endpoint } from "@/lib/api/endpoint";
import { issueTokenFor, listTokens } from "@/lib/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/tokens", {
  async GET({ identity }) {
    return listTokens(identity.user.id);
  },
  async POST({ identity, input, info }) {
    const result = await issueTokenFor(identity, input, info);
    return result.ok ? result.token : result;
  },
});
