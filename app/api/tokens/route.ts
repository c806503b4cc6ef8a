import { endpoint } from "@/lib/api/endpoint";
import { json, permissionDenied } from "@/lib/api/responses";
import { numbersAsText } from "@/lib/api/validate";
import { issueTokenFor, listTokens } from "@/lib/tokens";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/tokens", {
  async GET({ identity }) {
    return json(await listTokens(identity.user.id));
  },
  async POST({ identity, body, info }) {
    const result = await issueTokenFor(identity, numbersAsText(body), info);
    if (result.ok) return json(result.token, 201);
    return result.reason === "forbidden" ? permissionDenied() : json(result.errors, 400);
  },
});
