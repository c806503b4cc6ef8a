import { endpoint } from "@/lib/api/endpoint";
import { verifyEmail } from "@/lib/email/verification";
import { messages } from "@/lib/messages";
import { invalid } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/email/verify", {
  async POST({ input, info }) {
    if (!(await verifyEmail(input.token, info))) return invalid({ token: [messages.invalidValue] });
  },
});
