import "server-only";
import { cookies } from "next/headers";
import { TICKET_LIFETIME_MS } from "@/lib/mfa/tickets";

// The browser's login ticket between /login and /login/mfa: HttpOnly (no script reads it),
// SameSite=Strict and scoped to /login/mfa (no other page or site sends it), never in a URL.

const NAME = "vestibule.mfa";
const PATH = "/login/mfa";

export async function setTicketCookie(ticket: string, secure: boolean): Promise<void> {
  (await cookies()).set(NAME, ticket, {
    httpOnly: true,
    sameSite: "strict",
    path: PATH,
    secure,
    maxAge: TICKET_LIFETIME_MS / 1000,
  });
}

export async function readTicketCookie(): Promise<string | null> {
  return (await cookies()).get(NAME)?.value ?? null;
}

export async function clearTicketCookie(): Promise<void> {
  (await cookies()).delete({ name: NAME, path: PATH });
}
