// Loaded with `node --require` in front of `next start` (see scripts/start.mjs).
//
// Next.js sets X-Forwarded-For to the socket's address only when the client did not send one
// (`??=` in next/dist/server/base-server.js), so a client could name any address it liked and
// dodge per-address throttling. Node's http diagnostics channel fires before the request reaches
// Next.js: we record the real TCP peer in our own header, overwriting anything the client sent.
const diagnostics = require("node:diagnostics_channel");

const PEER_HEADER = "x-vestibule-peer";

diagnostics.subscribe("http.server.request.start", ({ request, socket }) => {
  request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
});
globalThis[Symbol.for("vestibule.peer-header")] = PEER_HEADER;
