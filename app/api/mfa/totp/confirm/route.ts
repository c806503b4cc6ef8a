import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { confirmTotp } from "@/lib/mfa/authenticator";
import { mfaCodeSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa/totp/confirm", {
  async POST({ identity, body, info }) {
    const { user } = identity;
    const result = await confirmTotp(user.id, validate(mfaCodeSchema, body).code, info);
    if (result.ok) return json({ recovery_codes: result.recoveryCodes });
    return result.reason === "invalid_code"
      ? json({ code: [messages.invalidCode] }, 400)
      : json({ non_field_errors: [messages.nothingPending] }, 400);
  },
});
