import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { mfaStatus } from "@/lib/mfa/status";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa", {
  async GET({ identity }) {
    return json(await mfaStatus(identity.user.id));
  },
});
