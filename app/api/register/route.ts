import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { logInNewUser } from "@/lib/auth/login";
import { registerUser } from "@/lib/users/register";
import { serializeUser } from "@/lib/users/shape";
import { registerSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  POST: {
    setsSession: true,
    async handler({ body, info }) {
      const result = await registerUser(validate(registerSchema, body), info);
      if (!result.ok) return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
      await logInNewUser(result.user, info);
      return json(serializeUser(result.user), 201);
    },
  },
});
