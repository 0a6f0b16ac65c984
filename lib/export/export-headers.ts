import { contentDisposition } from "@/lib/http/content-disposition";

/**
 * Headers of every export: a download (never shown on our origin), never cached (it holds
 * conversations), never sniffed, and inert if a browser did render it: no script, no
 * requests, sandboxed.
 */
export function exportHeaders(contentType: string, filename: string): Headers {
  return new Headers({
    "content-type": contentType,
    "content-disposition": contentDisposition("attachment", filename),
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
}
