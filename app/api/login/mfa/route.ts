import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { completeSecondStep } from "@/lib/mfa/second-step";
import { serializeUser } from "@/lib/users/shape";
import { mfaLoginSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/mfa", {
  async POST({ body, info }) {
    const result = await completeSecondStep(validate(mfaLoginSchema, body), info);
    if (result.ok) return json(serializeUser(result.user));
    return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
  },
});
