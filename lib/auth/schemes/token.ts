import "server-only";
import { messages } from "@/lib/messages";
import { authorizationWords } from "@/lib/auth/schemes/authorization-header";
import { AuthenticationFailed, type AuthenticationScheme } from "@/lib/auth/types";
import { findToken } from "@/lib/tokens";

/** DRF's TokenAuthentication, with `Bearer` accepted as a synonym of `Token`. */
export const tokenScheme: AuthenticationScheme = {
  name: "token",
  async authenticate(request) {
    const words = authorizationWords(request.headers, ["token", "bearer"]);
    if (!words) return null;
    if (words.length === 1) throw new AuthenticationFailed(messages.tokenHeaderEmpty);
    if (words.length > 2) throw new AuthenticationFailed(messages.tokenHeaderSpaces);
    const token = await findToken(words[1]);
    if (!token) throw new AuthenticationFailed(messages.invalidToken);
    if (!token.user.isActive) throw new AuthenticationFailed(messages.userInactive);
    return { user: token.user, auth: { scheme: "token", tokenId: token.id, name: token.name }, scope: token.scope };
  },
};
