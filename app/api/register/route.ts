import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { registerAndLogIn } from "@/lib/auth/login";
import { registrationSchema } from "@/lib/users/register";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/register", {
  async POST({ body, info }) {
    const result = await registerAndLogIn(validate(registrationSchema, body), info);
    if (!result.ok) return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
    return json(serializeUser(result.user), 201);
  },
});
