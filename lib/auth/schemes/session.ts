import "server-only";
import { findSession, readSessionCookie, renewedSessionCookie } from "@/lib/auth/session";
import type { AuthenticationScheme } from "@/lib/auth/types";

/**
 * The session cookie set by login/register. As in Django, a cookie that names no live session
 * (logged out, revoked, expired, or a deactivated user's) is simply anonymous, not an error.
 */
export const sessionScheme: AuthenticationScheme = {
  name: "session",
  async authenticate(request) {
    const token = readSessionCookie(request.headers, request.secure);
    if (!token) return null;
    const session = await findSession(token);
    if (!session || !session.user.isActive) return null;
    const renewCookie = session.renewed ? renewedSessionCookie(token, session.expires, request.secure) : undefined;
    return { user: session.user, auth: { scheme: "session", sessionId: session.id }, renewCookie };
  },
};
