import { readBody } from "@/lib/api/body";
import { endpoint } from "@/lib/api/endpoint";
import { detail, json, noContent, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { beginTotpSetup, disableTotp } from "@/lib/mfa/authenticator";
import { recheckPassword } from "@/lib/mfa/password-check";
import { passwordConfirmSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa/totp", {
  async POST({ identity, body, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, validate(passwordConfirmSchema, body).password, info);
    if (!check.ok) return "errors" in check ? json(check.errors, 400) : throttled(check.retryAfter);
    const pending = await beginTotpSetup(user.id, user.username);
    return pending ? json(pending) : detail(messages.mfaAlreadyOn, 409);
  },
  // The endpoint wrapper reads no body for DELETE; this one needs the password.
  async DELETE({ identity, request, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, validate(passwordConfirmSchema, await readBody(request)).password, info);
    if (!check.ok) return "errors" in check ? json(check.errors, 400) : throttled(check.retryAfter);
    await disableTotp(user.id, info);
    return noContent();
  },
});
