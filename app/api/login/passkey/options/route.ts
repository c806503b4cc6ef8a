import { endpoint } from "@/lib/api/endpoint";
import { json, throttled } from "@/lib/api/responses";
import { passkeyLoginOptions } from "@/lib/mfa/passkey-login";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/passkey/options", {
  async POST({ info }) {
    const options = await passkeyLoginOptions(info);
    return "throttled" in options ? throttled(options.retryAfter) : json(options);
  },
});
