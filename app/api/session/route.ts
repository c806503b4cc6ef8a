import { endpoint } from "@/lib/api/endpoint";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/session", {
  async GET({ identity }) {
    const { user, auth } = identity;
    return {
      is_authenticated: user.isAuthenticated,
      user: user.isAuthenticated ? serializeUser(user) : null,
      auth,
    };
  },
});
