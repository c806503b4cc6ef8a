import { endpoint } from "@/lib/api/endpoint";
import { messages } from "@/lib/messages";
import { addPasskey, listPasskeys } from "@/lib/mfa/passkeys";
import { invalid } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/passkeys", {
  async GET({ identity }) {
    return listPasskeys(identity.user.id);
  },
  async POST({ identity, input, info }) {
    const added = await addPasskey(identity.user.id, input.credential, input.name, info);
    return added ?? invalid({ credential: [messages.invalidPasskey] });
  },
});
