import { endpoint } from "@/lib/api/endpoint";
import { requireUser } from "@/lib/api/guards";
import { detail, json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { changePassword, passwordChangeSchemaFor } from "@/lib/users/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  POST: {
    permission: "authenticated",
    async handler({ identity, body, info }) {
      const caller = requireUser(identity);
      const result = await changePassword(caller, validate(passwordChangeSchemaFor(caller.user), body), info);
      if (result.ok) return detail(messages.passwordChanged, 200);
      return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
    },
  },
});
