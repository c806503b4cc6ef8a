// A real OpenID Connect provider on 127.0.0.1 (the certified `oidc-provider` package), for the
// tests and for trying provider sign-in locally: `node tests/support/oidc-idp.mjs [port]`.
// It prints one line of JSON with its issuer, client id and secret, then serves until stopped.
//
// Its login page (oidc-provider's development interactions) takes any login name and any
// password. The name decides the identity, so tests can ask for the one they need:
//   "alice"                 → sub "alice", alice@idp.example (verified), preferred_username "alice"
//   "bob@example.com"       → that address, verified (to collide with an existing account's)
//   "unverified-carol"      → as "alice", but the provider does not vouch for the address
// The client is registered as a native application, so any loopback port of the callback
// (http://127.0.0.1:<port>/api/auth/callback/oidc, RFC 8252) is accepted: the app's port is
// only known after this provider starts.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const port = Number(process.argv[2] ?? process.env.OIDC_IDP_PORT ?? 0);
const clientId = process.env.OIDC_IDP_CLIENT_ID ?? "vestibule";
const clientSecret = process.env.OIDC_IDP_CLIENT_SECRET ?? randomBytes(24).toString("base64url");

function claimsFor(login) {
  const address = login.includes("@") ? login : `${login}@idp.example`;
  return {
    sub: login,
    email: address,
    email_verified: !login.startsWith("unverified"),
    preferred_username: address.split("@")[0],
    name: login,
  };
}

function createProvider(issuer) {
  return new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        application_type: "native",
        redirect_uris: ["http://127.0.0.1/api/auth/callback/oidc", "http://localhost/api/auth/callback/oidc"],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["preferred_username", "name"] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: () => claimsFor(id) };
    },
  });
}

// The issuer must name the port, so the provider is made once the port is known.

const server = createServer();
await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = createProvider(issuer);
server.on("request", provider.callback());
// Why a client was refused, on stderr: the app only sees "an error in the response body".
for (const event of ["grant.error", "authorization.error", "server_error"]) {
  provider.on(event, (_ctx, error) =>
    console.error(`${event}: ${error.message} ${error.error_description ?? ""} ${error.error_detail ?? ""}`),
  );
}
console.log(JSON.stringify({ issuer, clientId, clientSecret }));

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
