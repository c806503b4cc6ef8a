// Records each request's TCP peer for lib/auth/request-info.ts in whichever process serves it,
// however the server was started (npm start preloads it too; loading it twice is harmless).
import "./lib/client-address.cjs";
import createNextIntlPlugin from "next-intl/plugin";

// API responses' security headers: the same for every request, so Next.js sets them from its
// routes manifest instead of a proxy.ts pass per request (which cost more than authenticating).
// Pages get theirs, with a per-request CSP nonce, from proxy.ts; HSTS depends on TRUST_PROXY at run
// time (lib/api/transport-security.ts).
const API_HEADERS = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

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
  async headers() {
    return [
      { source: "/api", headers: API_HEADERS },
      { source: "/api/:path*", headers: API_HEADERS },
    ];
  },
  // Loaded from node_modules at run time rather than bundled: native addons, worker threads and
  // pino's transports do not survive bundling.
  serverExternalPackages: [
    "libsql",
    "@libsql/client",
    "@prisma/adapter-libsql",
    "@prisma/adapter-pg",
    "pg",
    "piscina",
    "pino",
    "bcryptjs",
    "rate-limiter-flexible",
  ],
};

// next-intl without i18n routing: the request configuration picks the language and its messages.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
