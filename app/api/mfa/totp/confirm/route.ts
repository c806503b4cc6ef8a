import { endpoint } from "@/lib/api/endpoint";
import { confirmTotp } from "@/lib/mfa/authenticator";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa/totp/confirm", {
  async POST({ identity, input, info }) {
    const result = await confirmTotp(identity.user.id, input.code, info);
    return result.ok ? { recovery_codes: result.recoveryCodes } : result;
  },
});
