import "server-only";
import type { Actor } from "@/lib/audit";
import type { AuthenticatedUser } from "@/lib/auth/types";
import { prisma } from "@/lib/db";
import { mailVerificationLink } from "@/lib/email/verification";
import { recordAndNotify } from "@/lib/email/notices";
import { messages } from "@/lib/messages";
import { recheckPassword } from "@/lib/auth/password-check";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { reserveMail } from "@/lib/throttle";
import { toAuthenticatedUser } from "@/lib/auth/user-row";
import type { ProfileInput } from "@/lib/validation";

export type ProfileResult = { ok: true; user: AuthenticatedUser } | Invalid | Throttled;

/**
 * Sets the profile fields that were given. A new e-mail address takes the current password
 * (whatever authenticated the request: a stolen session or token must not redirect password
 * resets to its own inbox), starts unverified, gets a verification link (within THROTTLE_MAIL:
 * past it, 429 and no change), and the old address is told if it was verified. Giving the same
 * address again is no change.
 */
export async function editProfile(user: AuthenticatedUser, input: ProfileInput, actor: Actor): Promise<ProfileResult> {
  const newEmail = input.email !== undefined && input.email !== user.email ? input.email : undefined;
  if (newEmail !== undefined) {
    if (input.password === undefined) return invalid({ password: [messages.required] });
    const check = await recheckPassword(user, input.password, actor);
    if (!check.ok) return check;
    // The new address gets a link: within the account's and that address's mail limits.
    if (newEmail !== "") {
      const reservation = await reserveMail("link", user.id, newEmail);
      if (reservation.throttled) return throttled(reservation.retryAfter);
    }
  }
  const row = await prisma.user.update({
    where: { id: user.id },
    data: {
      firstName: input.first_name,
      lastName: input.last_name,
      ...(newEmail === undefined ? {} : { email: newEmail, emailVerified: null }),
    },
    omit: { password: true },
  });
  if (newEmail !== undefined) {
    // The address the account had until now: whoever owns it should hear of the change.
    // No address before: the event, and no mail (the new address gets its link, not this notice).
    // Only a verified old address is told: an unverified one gets nothing but its own link.
    await recordAndNotify("email_changed", user.id, actor, user.emailVerified ? user.email : "");
    if (newEmail !== "") mailVerificationLink(user.id, actor, true);
  }
  return { ok: true, user: toAuthenticatedUser(row) };
}
