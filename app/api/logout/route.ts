import { endpoint } from "@/lib/api/endpoint";
import { detail } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { logOut } from "@/lib/auth/login";
import { messages } from "@/lib/messages";
import { logoutSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/logout", {
  async POST({ body, identity, info }) {
    const { all } = validate(logoutSchema, body);
    await logOut(identity, info, all === true);
    return detail(messages.loggedOut, 200);
  },
});
