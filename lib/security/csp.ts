// The Content-Security-Policy for pages: scripts only from us or carrying this request's
// nonce (Next.js adds it to its own scripts), no framing, no plugins. Media previews load
// from Sendblue's storage until our copy exists, so those hosts are allowed for images,
// audio and video only.

export function buildCsp(nonce: string, options: { mediaSources: string[]; dev: boolean }): string {
  const media = options.mediaSources.join(" ");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // React renders style="" attributes (virtualised rows, progress bars); attributes cannot run code.
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob: ${media}`.trim(),
    `media-src 'self' blob: ${media}`.trim(),
    "font-src 'self'",
    "connect-src 'self'",
    // The service worker (public/sw.js) and the web app manifest come from us; said outright
    // because workers otherwise fall back to script-src, where 'strict-dynamic' drops 'self'.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
