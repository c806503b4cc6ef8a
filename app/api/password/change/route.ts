import { endpoint } from "@/lib/api/endpoint";
import { detail, json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { changePassword, passwordChangeSchemaFor } from "@/lib/users/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/password/change", {
  async POST({ identity, body, info }) {
    const result = await changePassword(identity, validate(passwordChangeSchemaFor(identity.user), body), info);
    if (result.ok) return detail(messages.passwordChanged, 200);
    return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
  },
});
