import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { recheckPassword } from "@/lib/mfa/password-check";
import { passkeyCreationOptions } from "@/lib/mfa/passkeys";
import { passwordConfirmSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/passkeys/options", {
  async POST({ identity, body, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, validate(passwordConfirmSchema, body).password, info);
    if (!check.ok) return "errors" in check ? json(check.errors, 400) : throttled(check.retryAfter);
    return json(await passkeyCreationOptions(user));
  },
});
