// Loaded with `node --require` in front of `next start` (see scripts/start.mjs), after
// client-address.cjs. A flood of logins from one address must not cost Next.js's own work per
// request (about a millisecond of the event loop each, so 150 connections would still crowd out
// everyone else). Two defences, both before Next.js sees a POST /api/login:
// - an address whose login lock this instance already knows is answered here;
// - at most IN_FLIGHT_PER_ADDRESS of one address's logins are inside the app at once; the rest wait
//   here in arrival order (nginx's limit_conn, queueing instead of refusing), for no longer than
//   the hashing queue would make them wait.
// The decisions are the app's (lib/login/login-shield.ts, registered on globalThis by
// instrumentation.ts as the server starts): which address (or, for a browser with a valid device
// cookie, which device) a request waits behind, and the lock, only as the database reported it.
// Until they are registered, requests pass through and the route applies the same rules.
const http = require("node:http");

// A tarpit: the refusal waits a quarter of a second, so 150 flooding connections ask about 600
// times a second instead of as fast as the two cores can answer, which took the reads of everyone
// else down with it (docs/benchmarks.md, "Measurements behind the code"). The lock already refuses
// this address for minutes: nobody waits for anything here that they would get sooner without it.
const REFUSAL_DELAY_MS = 250;

// Before the lock is known, every attempt of a flood's first wave went into the app at once (75
// per worker from 150 connections), each with its four counter queries and, on PostgreSQL, a wait
// for the pool of 10 connections that reads wait for too. Four at a time bound that work, and
// still keep a worker's hashing threads busy with one address's logins (a login spends most of its
// time hashing; by default a worker has one or two threads), so one address's logins are no
// slower for it. The bench's flood with and without the bound: docs/benchmarks.md, "Measurements
// behind the code".
const IN_FLIGHT_PER_ADDRESS = 4;

const emit = http.Server.prototype.emit;
/** address key → { running, waiting: [{ server, request, response, deadline, busy }], timer } */
const gates = new Map();

function answer(response, { status, headers, body }) {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(status, headers);
  response.end(body);
}

function refuse(response, refusal) {
  setTimeout(() => answer(response, refusal), REFUSAL_DELAY_MS).unref();
}

/** The app's decision for a login: `{ refuse }`, or `{ key, maxWaitMs, busy }` (wait behind that key's logins). */
function decide(request) {
  const forwardedFor = request.headers["x-forwarded-for"];
  const cookie = request.headers.cookie;
  const acceptLanguage = request.headers["accept-language"];
  return globalThis.vestibuleLoginShield(
    request.socket?.remoteAddress ?? "",
    typeof forwardedFor === "string" ? forwardedFor : undefined,
    typeof cookie === "string" ? cookie : undefined,
    typeof acceptLanguage === "string" ? acceptLanguage : undefined,
  );
}

/** Lets the request into the app, and the next one waiting once its answer is sent or abandoned. */
function admit(server, gate, key, request, response) {
  gate.running += 1;
  let done = false;
  const release = () => {
    if (done) return;
    done = true;
    gate.running -= 1;
    admitNext(gate, key);
  };
  response.once("finish", release);
  response.once("close", release);
  emit.call(server, "request", request, response);
}

function admitNext(gate, key) {
  while (gate.running < IN_FLIGHT_PER_ADDRESS && gate.waiting.length) {
    const { server, request, response } = gate.waiting.shift();
    if (request.destroyed || response.destroyed) continue;
    // The lock may have become known while it waited: then it is refused as it would be on arrival.
    const decision = decide(request);
    if (decision.refuse) refuse(response, decision.refuse);
    else admit(server, gate, key, request, response);
  }
  expireWaiting(gate, key);
}

/**
 * A login that could not get in within the hashing queue's bound (lib/passwords.ts) is answered
 * as that queue answers one it cannot start soon: 503 with Retry-After, never a long wait.
 */
function expireWaiting(gate, key) {
  const now = Date.now();
  while (gate.waiting.length && gate.waiting[0].deadline <= now) {
    const { response, busy } = gate.waiting.shift();
    answer(response, busy());
  }
  clearTimeout(gate.timer);
  gate.timer = undefined;
  if (gate.waiting.length) gate.timer = setTimeout(expireWaiting, gate.waiting[0].deadline - now, gate, key).unref();
  else if (!gate.running) gates.delete(key);
}

http.Server.prototype.emit = function emitUnlessShielded(event, request, response) {
  if (
    event !== "request" ||
    request.method !== "POST" ||
    typeof globalThis.vestibuleLoginShield !== "function" ||
    request.url?.split("?")[0] !== "/api/login"
  ) {
    return emit.apply(this, arguments);
  }
  const decision = decide(request);
  if (decision.refuse) {
    refuse(response, decision.refuse);
    return true;
  }
  const { key, busy, maxWaitMs } = decision;
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = { running: 0, waiting: [], timer: undefined }));
  if (gate.running < IN_FLIGHT_PER_ADDRESS) {
    admit(this, gate, key, request, response);
  } else {
    gate.waiting.push({ server: this, request, response, deadline: Date.now() + maxWaitMs, busy });
    if (gate.waiting.length === 1) expireWaiting(gate, key);
  }
  return true;
};
