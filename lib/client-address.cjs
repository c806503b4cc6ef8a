// Loaded with `node --require` in front of `next start` (see scripts/start.mjs), and again by
// next.config.mjs, so that `next start` or `next dev` run by hand load it too. Node's http
// diagnostics channel fires before a request reaches Next.js, which lets us fix two things there.
//
// The peer is written as "<nonce> <address>", the nonce random per process. Only a request that
// went through this hook carries it, so lib/auth/request-info.ts can tell our header from one a
// client sent to a server started without this file (or before it was loaded), and refuses to
// guess an address then: a client must never name its own address for the per-address limits.
const diagnostics = require("node:diagnostics_channel");
const { randomBytes } = require("node:crypto");

const PEER_HEADER = "x-vestibule-peer";
const NONCE = Symbol.for("vestibule.peer-nonce");

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

/** Records the peer of every request of this process, once however often this file is loaded. */
function install() {
  if (typeof globalThis[NONCE] === "string") return;
  const nonce = randomBytes(16).toString("hex");
  globalThis[NONCE] = nonce;
  diagnostics.subscribe("http.server.request.start", ({ request, socket }) => onRequest(request, socket, nonce));
}

function onRequest(request, socket, nonce) {
  // Next.js sets X-Forwarded-For to the socket's address only when the client did not send one
  // (`??=` in next/dist/server/base-server.js), so a client could name any address it liked and
  // dodge per-address throttling. We record the real TCP peer in our own header, overwriting
  // anything the client sent; lib/auth/request-info.ts reads it.
  request.headers[PEER_HEADER] = `${nonce} ${socket.remoteAddress ?? ""}`;
  // A path with a broken %-escape (`/api/tokens/%`, `%ED%A0%80`) makes Next.js's router fail to
  // decode it and answer a bare text 500. No such path names anything: send it to the not-found
  // routes instead (JSON under /api).
  if (request.url && !decodablePath(request.url)) {
    request.url = request.url.startsWith("/api/") ? "/api/not-a-valid-path" : "/not-a-valid-path";
  }
}

install();
