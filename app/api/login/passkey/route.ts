import { endpoint } from "@/lib/api/endpoint";
import { logInWithPasskey } from "@/lib/login/passkey-login";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/passkey", {
  async POST({ input, info }) {
    const result = await logInWithPasskey(input.credential, info);
    return result.ok ? serializeUser(result.user) : result;
  },
});
