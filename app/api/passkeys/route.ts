import { endpoint } from "@/lib/api/endpoint";
import { json } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { messages } from "@/lib/messages";
import { addPasskey, listPasskeys } from "@/lib/mfa/passkeys";
import { passkeyCreateSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/passkeys", {
  async GET({ identity }) {
    return json(await listPasskeys(identity.user.id));
  },
  async POST({ identity, body, info }) {
    const input = validate(passkeyCreateSchema, body);
    const added = await addPasskey(identity.user.id, input.credential, input.name, info);
    return added ? json(added, 201) : json({ credential: [messages.invalidPasskey] }, 400);
  },
});
