import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { logIn } from "@/lib/auth/login";
// Registers the early refusal that lib/login-shield.cjs applies in front of Next.js.
import "@/lib/auth/login-shield";
import { messages } from "@/lib/messages";
import { serializeUser } from "@/lib/users/shape";
import { loginSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login", {
  async POST({ body, info }) {
    const result = await logIn(validate(loginSchema, body), info);
    if (result.ok) return json(serializeUser(result.user));
    if (result.reason === "mfa_required")
      return json({ mfa_required: true, ticket: result.ticket, methods: result.methods });
    if (result.reason === "throttled") return throttled(result.retryAfter);
    return json({ non_field_errors: [messages.invalidLogin] }, 400);
  },
});
