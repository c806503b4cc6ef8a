import { endpoint } from "@/lib/api/endpoint";
import { passkeyLoginOptions } from "@/lib/login/passkey-login";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/passkey/options", {
  async POST({ info }) {
    return passkeyLoginOptions(info);
  },
});
