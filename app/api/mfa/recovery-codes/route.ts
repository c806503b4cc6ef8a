import { endpoint } from "@/lib/api/endpoint";
import { detail, json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { regenerateRecoveryCodes } from "@/lib/mfa/authenticator";
import { recheckPassword } from "@/lib/mfa/password-check";
import { passwordConfirmSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa/recovery-codes", {
  async POST({ identity, body, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, validate(passwordConfirmSchema, body).password, info);
    if (!check.ok) return "errors" in check ? json(check.errors, 400) : throttled(check.retryAfter);
    const codes = await regenerateRecoveryCodes(user.id, info);
    return codes ? json({ recovery_codes: codes }) : detail(messages.mfaOff, 409);
  },
});
