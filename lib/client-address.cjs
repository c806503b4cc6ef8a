// Loaded with `node --require` in front of `next start` (see scripts/start.mjs). Node's http
// diagnostics channel fires before a request reaches Next.js, which lets us fix two things there.
const diagnostics = require("node:diagnostics_channel");

const PEER_HEADER = "x-vestibule-peer";

/** Whether every %-escape of the path decodes to UTF-8 (the query string is the app's business). */
function decodablePath(url) {
  const path = url.split("?")[0];
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

diagnostics.subscribe("http.server.request.start", ({ request, socket }) => {
  // Next.js sets X-Forwarded-For to the socket's address only when the client did not send one
  // (`??=` in next/dist/server/base-server.js), so a client could name any address it liked and
  // dodge per-address throttling. We record the real TCP peer in our own header, overwriting
  // anything the client sent; lib/auth/request-info.ts reads it.
  request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
  // A path with a broken %-escape (`/api/tokens/%`, `%ED%A0%80`) makes Next.js's router fail to
  // decode it and answer a bare text 500. No such path names anything: send it to the not-found
  // routes instead (JSON under /api).
  if (request.url && !decodablePath(request.url)) {
    request.url = request.url.startsWith("/api/") ? "/api/not-a-valid-path" : "/not-a-valid-path";
  }
});
