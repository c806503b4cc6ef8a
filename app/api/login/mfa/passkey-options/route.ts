import { endpoint } from "@/lib/api/endpoint";
import { messages } from "@/lib/messages";
import { secondStepPasskeyOptions } from "@/lib/login/second-step";
import { invalid } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/mfa/passkey-options", {
  async POST({ input }) {
    return (await secondStepPasskeyOptions(input.ticket)) ?? invalid({ ticket: [messages.invalidTicket] });
  },
});
