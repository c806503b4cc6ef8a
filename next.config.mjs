/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time rather than bundled: native addons, worker threads and
  // pino's transports do not survive bundling.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "piscina", "pino", "bcryptjs", "rate-limiter-flexible"],
};

export default nextConfig;
