import { endpoint } from "@/lib/api/endpoint";
import { detail, json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { verifyEmail } from "@/lib/email/verification";
import { messages } from "@/lib/messages";
import { emailVerifySchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/email/verify", {
  async POST({ body, info }) {
    const verified = await verifyEmail(validate(emailVerifySchema, body).token, info);
    return verified ? detail(messages.emailVerified, 200) : json({ token: [messages.invalidValue] }, 400);
  },
});
