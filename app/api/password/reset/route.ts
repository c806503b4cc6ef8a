import { endpoint } from "@/lib/api/endpoint";
import { requestPasswordReset } from "@/lib/password-reset";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/password/reset", {
  async POST({ input, info }) {
    const result = await requestPasswordReset(input.email, info);
    if (!result.ok) return result;
  },
});
