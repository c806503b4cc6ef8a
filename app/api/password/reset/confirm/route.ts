import { endpoint } from "@/lib/api/endpoint";
import { detail, json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { confirmPasswordReset, resetConfirmSchema } from "@/lib/password-reset";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/password/reset/confirm", {
  async POST({ body, info }) {
    const result = await confirmPasswordReset(validate(resetConfirmSchema, body), info);
    return result.ok ? detail(messages.resetDone, 200) : json(result.errors, 400);
  },
});
