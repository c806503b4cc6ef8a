import { endpoint } from "@/lib/api/endpoint";
import { recheckPassword } from "@/lib/auth/password-check";
import { removePasskey } from "@/lib/mfa/passkeys";
import { notFound } from "@/lib/refusal";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/passkeys/{id}", {
  async DELETE({ identity, params, input, info }) {
    const { user } = identity;
    const check = await recheckPassword(user, input.password, info);
    if (!check.ok) return check;
    if (!(await removePasskey(user.id, params.id, info))) return notFound();
  },
});
