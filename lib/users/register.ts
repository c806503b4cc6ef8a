import "server-only";
import { Prisma } from "@prisma/client";
import { COMMAND_LINE, recordEvent, type Actor } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { messages } from "@/lib/messages";
import { validatePassword } from "@/lib/password-validation";
import { hashPassword } from "@/lib/passwords";
import { invalid, throttled, type Invalid, type Throttled } from "@/lib/refusal";
import { reserveRegistration, type Reservation } from "@/lib/throttle";
import type { AuthenticatedUser, RequestInfo } from "@/lib/auth/types";
import { usernameKey } from "@/lib/auth/username-key";
import { toAuthenticatedUser } from "@/lib/auth/user-row";
import type { RegisterInput } from "@/lib/validation";

export type RegisterResult = { ok: true; user: AuthenticatedUser } | Invalid | Throttled;

const usernameTaken = (): RegisterResult => invalid({ username: [messages.usernameTaken] });

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type CreateOptions = {
  actor: Actor;
  /** Django's create_superuser: staff with every permission. */
  superuser?: boolean;
  /** A new account logs in at once (registration), so last_login is its creation. */
  loggedIn?: boolean;
  /** Called once the input parses, before the username is looked up: the throttle, for public registration. */
  reserve?: () => Promise<Reservation>;
};

/** Validates, checks the username is free, hashes and creates: registration and createsuperuser alike. */
async function createUser(input: RegisterInput, options: CreateOptions): Promise<RegisterResult> {
  const profile = { first_name: input.first_name ?? "", last_name: input.last_name ?? "", email: input.email ?? "" };
  const key = usernameKey(input.username);
  const passwordErrors = validatePassword(input.password, { username: input.username, ...profile });

  // Throttle before hashing: the hash is the expensive step an abuser would make us pay for. And
  // before looking the username up: "already exists" tells whether an account does, so every
  // answer that depends on it counts, and usernames cannot be probed without limit. (Counting
  // only the "taken" answers would not do: once throttled, 429 for a taken name and 400 for a
  // free one would tell the same thing for nothing.)
  const reservation = await options.reserve?.();
  if (reservation?.throttled) return throttled(reservation.retryAfter);

  const exists = await prisma.user.findUnique({ where: { usernameKey: key }, select: { id: true } });
  if (passwordErrors.length || exists) {
    return invalid({
      ...(exists ? { username: [messages.usernameTaken] } : {}),
      ...(passwordErrors.length ? { password: passwordErrors } : {}),
    });
  }

  const password = await hashPassword(input.password);
  const now = new Date();
  const flags = options.superuser ? { isStaff: true, isSuperuser: true } : {};
  try {
    const row = await prisma.user.create({
      data: {
        username: input.username,
        usernameKey: key,
        firstName: profile.first_name,
        lastName: profile.last_name,
        email: profile.email,
        password,
        dateJoined: now,
        lastLogin: options.loggedIn ? now : null,
        ...flags,
      },
      omit: { password: true },
    });
    await recordEvent("register", row.id, options.actor);
    return { ok: true, user: toAuthenticatedUser(row) };
  } catch (error) {
    // Two registrations of one username at once: the unique index decides, the loser gets a 400.
    if (isUniqueViolation(error)) return usernameTaken();
    throw error;
  }
}

/** Public registration from validated input. The caller logs the new user in. */
export function registerUser(input: RegisterInput, client: RequestInfo): Promise<RegisterResult> {
  return createUser(input, { actor: client, loggedIn: true, reserve: () => reserveRegistration(client.clientAddress) });
}

/** Removes an account (and, by cascade, its sessions, tokens and events). */
export async function deleteUser(userId: string): Promise<void> {
  await prisma.user.deleteMany({ where: { id: userId } });
}

/** Django's create_superuser, from the command line. */
export function createSuperuser(input: RegisterInput): Promise<RegisterResult> {
  return createUser(input, { actor: COMMAND_LINE, superuser: true });
}
