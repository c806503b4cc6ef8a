// Next.js calls register() once as the server starts (`next start` however it is launched, and
// `next dev`), before it serves any request; never during `next build`. A setting that cannot
// work stops the server here, with the reason, instead of failing requests later: an invalid
// variable (lib/env.ts throws on import) or a missing AUTH_SECRET, without which password-reset
// links would be signed with an empty key.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { config } = await import("@/lib/env");
    void config.AUTH_SECRET;
  } catch (error) {
    // Next.js logs a failing register() and then serves anyway (16.4): stop here instead.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
