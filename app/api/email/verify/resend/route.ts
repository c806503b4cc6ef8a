import { endpoint } from "@/lib/api/endpoint";
import { detail, throttled } from "@/lib/api/responses";
import { resendVerification } from "@/lib/email/verification";
import { messages } from "@/lib/messages";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/email/verify/resend", {
  async POST({ identity, info }) {
    const result = await resendVerification(identity.user, info);
    if (result.ok) return detail(messages.verificationSent, 200);
    if (result.reason === "throttled") return throttled(result.retryAfter);
    return detail(result.reason === "no_email" ? messages.noEmail : messages.alreadyVerified, 409);
  },
});
