import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Actor } from "@/lib/audit";
import { recordAndNotify } from "@/lib/email/notices";
import { prisma } from "@/lib/db";
import { CHALLENGE_LIFETIME_MS, RP_NAME, relyingParty } from "@/lib/mfa/relying-party";

// Passkeys (WebAuthn) through @simplewebauthn/server: discoverable credentials with user
// verification required. Challenges are rows used once (deleted by a conditional delete); a
// credential is looked up by its id and its user together, and the signature counter only moves
// forward, by a conditional update.

export type PasskeySummary = { id: string; name: string; created: string; last_used: string | null };

type Ceremony = "registration" | "login";

async function storeChallenge(challenge: string, ceremony: Ceremony, userId: string | null): Promise<void> {
  const now = Date.now();
  await prisma.webAuthnChallenge.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  await prisma.webAuthnChallenge.create({
    data: { challenge, ceremony, userId, expiresAt: new Date(now + CHALLENGE_LIFETIME_MS) },
  });
}

async function takeChallenge(challenge: string, ceremony: Ceremony, userId: string | null): Promise<boolean> {
  const taken = await prisma.webAuthnChallenge.deleteMany({
    where: { challenge, ceremony, userId, expiresAt: { gt: new Date() } },
  });
  return taken.count === 1;
}

const summary = (row: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }): PasskeySummary => ({
  id: row.id,
  name: row.name,
  created: row.createdAt.toISOString(),
  last_used: row.lastUsedAt?.toISOString() ?? null,
});

export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  const rows = await prisma.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return rows.map(summary);
}

export async function passkeyCreationOptions(user: {
  id: string;
  username: string;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await prisma.passkey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty().rpID,
    userName: user.username,
    // The user handle is our user id, so a discoverable login names its user (checked below).
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((row) => ({
      id: row.credentialId,
      transports: row.transports ? row.transports.split(",") : undefined,
    })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await storeChallenge(options.challenge, "registration", user.id);
  return options;
}

/** Verifies an attestation against this user's live challenge and stores the credential. */
export async function addPasskey(
  userId: string,
  credential: Record<string, unknown>,
  name: string | undefined,
  actor?: Actor,
): Promise<PasskeySummary | null> {
  const { rpID, origin } = relyingParty();
  let registration;
  try {
    registration = await verifyRegistrationResponse({
      response: credential as unknown as RegistrationResponseJSON,
      expectedChallenge: (challenge) => takeChallenge(challenge, "registration", userId),
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch {
    return null;
  }
  if (!registration.verified) return null;
  const { credential: made } = registration.registrationInfo;
  const clash = await prisma.passkey.findUnique({ where: { credentialId: made.id }, select: { id: true } });
  if (clash) return null;
  const row = await prisma.passkey.create({
    data: {
      userId,
      credentialId: made.id,
      publicKey: Buffer.from(made.publicKey).toString("base64url"),
      counter: made.counter,
      transports: (made.transports ?? []).join(","),
      name: name || "Passkey",
    },
  });
  await recordAndNotify("passkey_added", userId, actor);
  return summary(row);
}

export async function removePasskey(userId: string, passkeyId: string, actor?: Actor): Promise<boolean> {
  const removed = await prisma.passkey.deleteMany({ where: { id: passkeyId, userId } });
  if (removed.count) await recordAndNotify("passkey_removed", userId, actor);
  return removed.count > 0;
}

/** Options for a login: any discoverable credential (userId null) or one of this user's. */
export async function passkeyRequestOptions(userId: string | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const mine = userId
    ? await prisma.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } })
    : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "required",
    allowCredentials: mine.map((row) => ({
      id: row.credentialId,
      transports: row.transports ? row.transports.split(",") : undefined,
    })),
  });
  if (!userId) await storeChallenge(options.challenge, "login", null);
  return options;
}

function userHandleOf(response: AuthenticationResponseJSON): string | null {
  const handle = response.response?.userHandle;
  return typeof handle === "string" ? Buffer.from(handle, "base64url").toString("utf8") : null;
}

/**
 * The user an assertion proves, or null. `userId` is known in a second step (the ticket's user);
 * in a passkey login it comes from the credential, and must agree with the user handle.
 * `challengeOk` takes the challenge (once) from wherever it was kept.
 */
export async function verifyPasskeyAssertion(
  credential: Record<string, unknown>,
  userId: string | null,
  challengeOk: (challenge: string) => Promise<boolean>,
): Promise<string | null> {
  const response = credential as unknown as AuthenticationResponseJSON;
  if (typeof response.id !== "string" || !response.id) return null;
  const row = await prisma.passkey.findUnique({ where: { credentialId: response.id } });
  if (!row || (userId && row.userId !== userId)) return null;
  const handle = userHandleOf(response);
  if (handle !== null && handle !== row.userId) return null;
  const { rpID, origin } = relyingParty();
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challengeOk,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: row.credentialId,
        publicKey: Buffer.from(row.publicKey, "base64url"),
        counter: row.counter,
        transports: row.transports ? row.transports.split(",") : undefined,
      },
      requireUserVerification: true,
    });
  } catch {
    return null;
  }
  if (!result.verified) return null;
  // A cloned authenticator shows up as a counter that does not move forward; the library refuses
  // that, and this conditional update refuses the same assertion raced twice.
  const moved = await prisma.passkey.updateMany({
    where: { id: row.id, counter: row.counter },
    data: { counter: result.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  return moved.count === 1 ? row.userId : null;
}

/** Takes a discoverable-login challenge: used once, and only for a login. */
export const loginChallenge = (challenge: string) => takeChallenge(challenge, "login", null);
