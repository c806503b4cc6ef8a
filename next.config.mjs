// Records each request's TCP peer for lib/auth/request-info.ts in whichever process serves it,
// however the server was started (npm start preloads it too; loading it twice is harmless).
import "./lib/client-address.cjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build (another database provider, the benchmark) can live beside the default one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The benchmark build adds routes written as *.bench.ts (its baseline handler).
  pageExtensions: process.env.VESTIBULE_BENCH === "1" ? ["bench.ts", "tsx", "ts"] : ["tsx", "ts"],
  poweredByHeader: false,
  // The build checks the app's types; the tests' types are checked by `npm test` (tsc --noEmit).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  reactStrictMode: true,
  // Loaded from node_modules at run time rather than bundled: native addons, worker threads and
  // pino's transports do not survive bundling.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "piscina", "pino", "bcryptjs", "rate-limiter-flexible"],
};

export default nextConfig;
