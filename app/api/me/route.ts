import { readBody } from "@/lib/api/body";
import { endpoint } from "@/lib/api/endpoint";
import { json, noContent, permissionDenied, throttled } from "@/lib/api/responses";
import { validate } from "@/lib/api/validate";
import { forgetDeletedAccount } from "@/lib/auth/login";
import { deleteAccount } from "@/lib/users/deletion";
import { editProfile } from "@/lib/users/profile";
import { serializeUser } from "@/lib/users/shape";
import { passwordConfirmSchema, profileSchema } from "@/lib/validation";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint("/api/me", {
  async GET({ identity }) {
    return json(serializeUser(identity.user));
  },
  async PATCH({ identity, body, info }) {
    const result = await editProfile(identity.user, validate(profileSchema, body), info);
    if (result.ok) return json(serializeUser(result.user));
    return "errors" in result ? json(result.errors, 400) : throttled(result.retryAfter);
  },
  // The endpoint wrapper reads no body for DELETE; this one needs the password.
  async DELETE({ identity, request, info }) {
    // deleteAccount refuses anything but a session too; refused here first because DRF checks
    // permissions before it reads the body (a token with no body: 403, not 400).
    if (identity.auth.scheme !== "session") return permissionDenied();
    const result = await deleteAccount(
      identity,
      validate(passwordConfirmSchema, await readBody(request)).password,
      info,
    );
    if (!result.ok) {
      if ("errors" in result) return json(result.errors, 400);
      return "retryAfter" in result ? throttled(result.retryAfter) : permissionDenied();
    }
    await forgetDeletedAccount(info);
    return noContent();
  },
});
