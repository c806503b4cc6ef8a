import { endpoint } from "@/lib/api/endpoint";
import { changePassword } from "@/lib/users/account";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/password/change", {
  async POST({ identity, input, info }) {
    const result = await changePassword(identity, input, info);
    if (!result.ok) return result;
  },
});
