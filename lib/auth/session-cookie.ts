/** The session cookie's name. __Host- makes the browser refuse it unless Secure, Path=/ and host-only. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-vestibule.session" : "vestibule.session";
}
