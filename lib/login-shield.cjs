// Loaded with `node --require` in front of `next start` (see scripts/start.mjs), after
// client-address.cjs. A flood of logins from one address that the throttle has already locked
// must not cost Next.js's own work per request (about a millisecond of the event loop each, so
// 150 connections would still crowd out everyone else): such a POST /api/login is answered here,
// before Next.js sees it. The decision is the app's (lib/auth/login-shield.ts registers it on
// globalThis once the login route is loaded, and answers only from locks the database already
// reported); until then, and for anything it does not recognise, requests pass through and the
// route applies the same rule.
const http = require("node:http");

// A tarpit: the refusal waits a quarter of a second, so 150 flooding connections ask about 600
// times a second instead of as fast as the two cores can answer (measured: 2,255 refusals a second
// took reads during the flood from 318 to 193 requests a second, p99 169 ms; with the pause, 280
// and 116 ms). The lock already refuses this address for minutes: nobody waits for anything here
// that they would get sooner without it.
const REFUSAL_DELAY_MS = 250;

const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitUnlessShielded(event, request, response) {
  if (
    event === "request" &&
    request.method === "POST" &&
    typeof globalThis.vestibuleLoginShield === "function" &&
    request.url?.split("?")[0] === "/api/login"
  ) {
    const forwardedFor = request.headers["x-forwarded-for"];
    const cookie = request.headers.cookie;
    const acceptLanguage = request.headers["accept-language"];
    const answer = globalThis.vestibuleLoginShield(
      request.socket?.remoteAddress ?? "",
      typeof forwardedFor === "string" ? forwardedFor : undefined,
      typeof cookie === "string" ? cookie : undefined,
      typeof acceptLanguage === "string" ? acceptLanguage : undefined,
    );
    if (answer) {
      setTimeout(() => {
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      }, REFUSAL_DELAY_MS).unref();
      return true;
    }
  }
  return emit.apply(this, arguments);
};
