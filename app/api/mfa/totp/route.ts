import { endpoint } from "@/lib/api/endpoint";
import { messages } from "@/lib/messages";
import { beginTotpSetup, disableTotp } from "@/lib/mfa/authenticator";
import { recheckPassword } from "@/lib/auth/password-check";
import { conflict } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa/totp", {
  async POST({ identity, input, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, input.password, info);
    if (!check.ok) return check;
    return (await beginTotpSetup(user.id, user.username)) ?? conflict(messages.mfaAlreadyOn);
  },
  async DELETE({ identity, input, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, input.password, info);
    if (!check.ok) return check;
    await disableTotp(user.id, info);
  },
});
