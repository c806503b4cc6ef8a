import { endpoint } from "@/lib/api/endpoint";
import { detail, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { requestPasswordReset } from "@/lib/password-reset";
import { passwordResetSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/password/reset", {
  async POST({ body, info }) {
    const result = await requestPasswordReset(validate(passwordResetSchema, body).email, info);
    return result.ok ? detail(messages.resetSent, 200) : throttled(result.retryAfter);
  },
});
