import { endpoint } from "@/lib/api/endpoint";
import { logIn } from "@/lib/login/login";
// Registers the early refusal that lib/login-shield.cjs applies in front of Next.js.
import "@/lib/login/login-shield";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login", {
  async POST({ input, info }) {
    const result = await logIn(input, info);
    if (!result.ok) return result;
    if (result.secondFactor) return { mfa_required: true, ...result.secondFactor };
    return serializeUser(result.user);
  },
});
