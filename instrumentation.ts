// Next.js calls register() once as the server starts (`next start` however it is launched, and
// `next dev`), before it serves any request; never during `next build`. A setting that cannot
// work stops the server here, with the reason, instead of failing requests later: an invalid
// variable (lib/env.ts throws on import) or a missing AUTH_SECRET, without which password-reset
// links would be signed with an empty key. It also gives next-auth the AUTH_URL it needs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { config } = await import("@/lib/env");
    void config.AUTH_SECRET;
    // next-auth (5.0.0-beta.32) builds the URL of its internal sign-in and sign-out requests from
    // AUTH_URL, read from process.env at each call (no configuration option replaces it); without
    // it, from the request's X-Forwarded-Host/-Proto, which a client can send itself (nothing here
    // believes them unless TRUST_PROXY says so), making that URL invalid and the login a 500.
    // Our configured origin is the one to use: set once, before the first request.
    process.env.AUTH_URL = config.APP_URL;
    // The login shield's decisions (lib/login-shield.cjs), from the first request on: otherwise
    // they arrive with the login route's first load, after a flood's first wave has gone through.
    await import("@/lib/login/login-shield");
  } catch (error) {
    // Next.js logs a failing register() and then serves anyway (16.4): stop here instead.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // The permission catalogue (the product's and the application's, lib/permissions/catalogue.ts)
  // joins the database before the first request. A database that is down only delays it: grant
  // changes write it again first.
  try {
    const { syncCatalogue } = await import("@/lib/permissions/catalogue");
    await syncCatalogue();
  } catch (error) {
    const { errorSummary, logger } = await import("@/lib/logger");
    logger.warn({ err: errorSummary(error) }, "the permission catalogue was not written at start-up");
  }
}
