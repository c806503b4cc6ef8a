import { endpoint } from "@/lib/api/endpoint";
import { messages } from "@/lib/messages";
import { regenerateRecoveryCodes } from "@/lib/mfa/authenticator";
import { recheckPassword } from "@/lib/auth/password-check";
import { conflict } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa/recovery-codes", {
  async POST({ identity, input, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, input.password, info);
    if (!check.ok) return check;
    const codes = await regenerateRecoveryCodes(user.id, info);
    return codes ? { recovery_codes: codes } : conflict(messages.mfaOff);
  },
});
