import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";

// A login whose password was right and whose second factor is pending. The client holds a random
// ticket; the table keeps only its SHA-256. It is never a session: no scheme accepts it.

/** Five minutes to type a code, and five wrong codes, as the contract says. */
export const TICKET_LIFETIME_MS = 5 * 60_000;
export const TICKET_MAX_ATTEMPTS = 5;

const hashTicket = (ticket: string) => createHash("sha256").update(ticket).digest("base64url");

const live = (ticket: string) => ({
  id: hashTicket(ticket),
  consumedAt: null,
  expiresAt: { gt: new Date() },
  attempts: { lt: TICKET_MAX_ATTEMPTS },
});

/** A ticket for the user whose password was just checked, under that check's credentials stamp. */
/** Who a ticket is for: the user, and the credentials stamp the password was checked under. */
type TicketHolder = { id: string; credentialsVersion: number };

export async function issueTicket({ id: userId, credentialsVersion }: TicketHolder): Promise<string> {
  const ticket = randomBytes(32).toString("base64url");
  const now = Date.now();
  await prisma.loginTicket.create({
    data: { id: hashTicket(ticket), userId, credentialsVersion, expiresAt: new Date(now + TICKET_LIFETIME_MS) },
  });
  // Old tickets are only clutter: drop the expired ones of this user as a new one is made.
  await prisma.loginTicket.deleteMany({ where: { userId, expiresAt: { lte: new Date(now) } } });
  return ticket;
}

export type LiveTicket = { userId: string; credentialsVersion: number; challenge: string | null };

/** The ticket's user while it is alive (not used, not expired, fewer than five wrong codes). */
export async function findTicket(ticket: string): Promise<LiveTicket | null> {
  if (!ticket || ticket.length > 128) return null;
  return prisma.loginTicket.findFirst({
    where: live(ticket),
    select: { userId: true, credentialsVersion: true, challenge: true },
  });
}

export async function countWrongCode(ticket: string): Promise<void> {
  await prisma.loginTicket.updateMany({ where: { id: hashTicket(ticket) }, data: { attempts: { increment: 1 } } });
}

/** Keeps a WebAuthn challenge with the ticket, for a passkey second step. */
export async function attachChallenge(ticket: string, challenge: string): Promise<boolean> {
  const updated = await prisma.loginTicket.updateMany({ where: live(ticket), data: { challenge } });
  return updated.count === 1;
}

/** Uses the ticket up, by one conditional update: of two requests racing, only one gets true. */
export async function consumeTicket(ticket: string): Promise<boolean> {
  const used = await prisma.loginTicket.updateMany({
    where: live(ticket),
    data: { consumedAt: new Date(), challenge: null },
  });
  return used.count === 1;
}

/** Takes the ticket's WebAuthn challenge if it is `challenge`: a challenge is used once. */
export async function takeTicketChallenge(ticket: string, challenge: string): Promise<boolean> {
  const taken = await prisma.loginTicket.updateMany({
    where: { ...live(ticket), challenge },
    data: { challenge: null },
  });
  return taken.count === 1;
}
