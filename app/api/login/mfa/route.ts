import { endpoint } from "@/lib/api/endpoint";
import { completeSecondStep } from "@/lib/login/second-step";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/mfa", {
  async POST({ input, info }) {
    const result = await completeSecondStep(input, info);
    return result.ok ? serializeUser(result.user) : result;
  },
});
