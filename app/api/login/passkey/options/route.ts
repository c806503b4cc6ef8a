import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { passkeyRequestOptions } from "@/lib/mfa/passkeys";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/login/passkey/options", {
  async POST() {
    return json(await passkeyRequestOptions(null));
  },
});
