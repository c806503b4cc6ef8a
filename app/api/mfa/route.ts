import { endpoint } from "@/lib/api/endpoint";
import { mfaStatus } from "@/lib/mfa/status";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/mfa", {
  async GET({ identity }) {
    return mfaStatus(identity.user.id);
  },
});
