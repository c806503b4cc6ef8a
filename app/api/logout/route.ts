import { endpoint } from "@/lib/api/endpoint";
import { logOut } from "@/lib/login/login";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/logout", {
  async POST({ input, identity, info }) {
    await logOut(identity, info, input.all === true);
  },
});
