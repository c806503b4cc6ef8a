import "server-only";
import { listConnections, type ConnectionSummary } from "@/lib/connections";
import { prisma } from "@/lib/db";
import { listPasskeys, type PasskeySummary } from "@/lib/mfa/passkeys";

// "Review your ways in": the provider connections and passkeys of an account outlive a password
// reset and "log out everywhere", which end every session and token but would leave an
// intruder's own identity or passkey on the account. So each of those, and the first
// verification of an address (the account's first proof of whose it is), opens a review: the
// account page lists every connection and passkey made before that moment, each with its remove
// button, until the owner keeps the rest. It lists all of them, not only recent ones: nothing
// before such a moment is known to be the owner's (a previous review may have been closed by an
// intruder who knew the password), and a review is closed with one press.

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export type WaysInReview = { opened: string; connections: ConnectionSummary[]; passkeys: PasskeySummary[] };

/** Opens (or moves to now) the account's review; not awaited here, to run in a caller's transaction. */
export function openWaysInReview(userId: string) {
  return prisma.user.updateMany({ where: { id: userId }, data: { waysInReviewAt: new Date() } });
}

/** The open review's ways in, made up to its moment; null when none is open or nothing is left to review. */
export async function waysInToReview(userId: string): Promise<WaysInReview | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { waysInReviewAt: true } });
  const opened = row?.waysInReviewAt;
  if (!opened) return null;
  const madeBefore = ({ created }: { created: string }) => Date.parse(created) <= opened.getTime();
  const [connections, passkeys] = await Promise.all([listConnections(userId), listPasskeys(userId)]);
  const review = {
    opened: opened.toISOString(),
    connections: connections.filter(madeBefore),
    passkeys: passkeys.filter(madeBefore),
  };
  return review.connections.length || review.passkeys.length ? review : null;
}

/**
 * "Keep these": closes the review the page showed (`opened`), and only that one, so a page left
 * open does not close a review opened since (a reset in the meantime).
 */
export async function keepWaysIn(userId: string, opened: string): Promise<boolean> {
  if (!ISO_TIME.test(opened)) return false;
  const closed = await prisma.user.updateMany({
    where: { id: userId, waysInReviewAt: new Date(opened) },
    data: { waysInReviewAt: null },
  });
  return closed.count === 1;
}
