import { endpoint } from "@/lib/api/endpoint";
import { registerAndLogIn } from "@/lib/login/login";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/register", {
  async POST({ input, info }) {
    const result = await registerAndLogIn(input, info);
    return result.ok ? serializeUser(result.user) : result;
  },
});
