import { messages, type Message } from "@/lib/messages";

/**
 * The login page's words for the ?error= Auth.js sends a failed provider sign-in back with. A
 * matching e-mail address (or an identity connected to someone else) is OAuthAccountNotLinked:
 * never joined to that account, the person is told to log in and connect the provider instead.
 * A deactivated account is AccessDenied: the same message as a refused password login.
 */
export function providerErrorMessage(error: unknown): Message | undefined {
  if (typeof error !== "string" || !error) return undefined;
  if (error === "OAuthAccountNotLinked") return messages.providerAccountExists;
  if (error === "AccessDenied") return messages.invalidLogin;
  return messages.providerFailed;
}
