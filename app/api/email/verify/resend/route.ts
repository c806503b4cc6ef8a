import { endpoint } from "@/lib/api/endpoint";
import { resendVerification } from "@/lib/email/verification";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/email/verify/resend", {
  async POST({ identity, info }) {
    const result = await resendVerification(identity.user, info);
    if (!result.ok) return result;
  },
});
