import { endpoint } from "@/lib/api/endpoint";
import { confirmPasswordReset } from "@/lib/password-reset";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/password/reset/confirm", {
  async POST({ input, info }) {
    const result = await confirmPasswordReset(input, info);
    if (!result.ok) return result;
  },
});
