import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/session", {
  async GET({ identity }) {
    const { user, auth } = identity;
    return json({
      is_authenticated: user.isAuthenticated,
      user: user.isAuthenticated ? serializeUser(user) : null,
      auth,
    });
  },
});
