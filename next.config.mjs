/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build (another database provider, the benchmark) can live beside the default one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time rather than bundled: native addons, worker threads and
  // pino's transports do not survive bundling.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "piscina", "pino", "bcryptjs", "rate-limiter-flexible"],
};

export default nextConfig;
