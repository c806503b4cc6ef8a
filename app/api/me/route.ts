import { endpoint } from "@/lib/api/endpoint";
import { forgetDeletedAccount } from "@/lib/login/login";
import { deleteAccount } from "@/lib/users/deletion";
import { editProfile } from "@/lib/users/profile";
import { serializeUser } from "@/lib/users/shape";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/me", {
  async GET({ identity }) {
    return serializeUser(identity.user);
  },
  async PATCH({ identity, input, info }) {
    const result = await editProfile(identity.user, input, info);
    return result.ok ? serializeUser(result.user) : result;
  },
  async DELETE({ identity, input, info }) {
    const result = await deleteAccount(identity, input.password, info);
    if (!result.ok) return result;
    await forgetDeletedAccount(info);
  },
});
