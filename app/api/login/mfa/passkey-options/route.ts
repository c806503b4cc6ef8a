import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { secondStepPasskeyOptions } from "@/lib/mfa/second-step";
import { ticketSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/mfa/passkey-options", {
  async POST({ body }) {
    const options = await secondStepPasskeyOptions(validate(ticketSchema, body).ticket);
    return options ? json(options) : json({ ticket: [messages.invalidTicket] }, 400);
  },
});
