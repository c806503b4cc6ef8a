import { endpoint } from "@/lib/api/endpoint";
import { recheckPassword } from "@/lib/auth/password-check";
import { passkeyCreationOptions } from "@/lib/mfa/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/passkeys/options", {
  async POST({ identity, input, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, input.password, info);
    return check.ok ? passkeyCreationOptions(user) : check;
  },
});
