import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { logInWithPasskey } from "@/lib/mfa/passkey-login";
import { serializeUser } from "@/lib/users/shape";
import { passkeyLoginSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/passkey", {
  async POST({ body, info }) {
    const result = await logInWithPasskey(validate(passkeyLoginSchema, body).credential, info);
    if (result.ok) return json(serializeUser(result.user));
    if (result.reason === "throttled") return throttled(result.retryAfter);
    return json({ non_field_errors: [messages.invalidLogin] }, 400);
  },
});
