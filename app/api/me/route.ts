import { endpoint, fail } from "@/lib/api/endpoint";
import { json, notAuthenticated } from "@/lib/api/responses";
import { isAuthenticated } from "@/lib/auth/permissions";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  async GET({ identity }) {
    if (!isAuthenticated(identity)) fail(notAuthenticated());
    return json(serializeUser(identity.user));
  },
});
