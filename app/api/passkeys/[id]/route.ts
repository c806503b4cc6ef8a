import { readBody } from "@/lib/api/body";
import { endpoint } from "@/lib/api/endpoint";
import { detail, json, noContent, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { recheckPassword } from "@/lib/mfa/password-check";
import { removePasskey } from "@/lib/mfa/passkeys";
import { passwordConfirmSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/passkeys/{id}", {
  // The endpoint wrapper reads no body for DELETE; this one needs the password.
  async DELETE({ identity, params, request, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, validate(passwordConfirmSchema, await readBody(request)).password, info);
    if (!check.ok) return "errors" in check ? json(check.errors, 400) : throttled(check.retryAfter);
    return (await removePasskey(user.id, params.id, info)) ? noContent() : detail(messages.notFound, 404);
  },
});
