import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { contentDisposition } from "@/lib/http/content-disposition";
import { displayContentType, mediaStorage, type ByteRange, type MediaStorage } from "./storage";

// Serves our copy of an attachment: the original, a JPEG display copy (HEIC), or the
// thumbnail, with single-range support so browsers can seek in video and audio.

export type MediaVariant = "original" | "display" | "thumb";

// Shown in the page (img, video, audio elements). Everything else, PDFs included, is a
// download: a PDF opened inline runs in the browser's viewer on our origin, where the
// sandboxing CSP below would be the only guard, and viewers differ in honouring it.
const INLINE = /^(image|video|audio)\//;

// Short, and private: an attachment must not outlive a sign-out in a shared computer's cache
// for long (keys never change content, so a year was possible, but not wise).
const CACHE_CONTROL = "private, max-age=3600";

export async function serveMedia(
  db: Db,
  id: number,
  request: { variant?: MediaVariant; range: string | null },
  storage: MediaStorage = mediaStorage(),
): Promise<Response> {
  const a = await db.mediaAttachment.findUnique({ where: { id } });
  if (!a) throw new ApiError(404, "not_found", `No attachment ${id}`);
  if (a.mirrorState !== "kept" || !a.storageKey) {
    throw new ApiError(404, "not_kept", `Attachment ${id} is ${a.mirrorState}; use its sourceUrl until it is kept`);
  }
  const variant = request.variant ?? (a.displayKey ? "display" : "original");
  const key =
    variant === "thumb" ? a.thumbnailKey : variant === "display" ? (a.displayKey ?? a.storageKey) : a.storageKey;
  if (!key) throw new ApiError(404, "no_thumbnail", `Attachment ${id} has no thumbnail`);
  const contentType =
    key === a.storageKey
      ? (a.contentType ?? "application/octet-stream")
      : key === a.thumbnailKey
        ? "image/jpeg"
        : displayContentType(key);
  const size = await storage.size(key);
  if (size === null) throw new ApiError(404, "missing_copy", `The stored copy of attachment ${id} is missing`);

  const headers = new Headers({
    "content-type": contentType,
    "accept-ranges": "bytes",
    "cache-control": CACHE_CONTROL,
    "x-content-type-options": "nosniff",
    "content-disposition": contentDisposition(
      INLINE.test(contentType) && contentType !== "audio/x-caf" ? "inline" : "attachment",
      downloadName(a.fileName, key),
    ),
  });
  // Attachments come from strangers: never let one run script on our origin, whatever its type.
  headers.set("content-security-policy", "default-src 'none'; sandbox");

  const range = parseRange(request.range, size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range) {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("content-length", String(range.end - range.start + 1));
    return new Response(await storage.read(key, range), { status: 206, headers });
  }
  headers.set("content-length", String(size));
  return new Response(size === 0 ? null : await storage.read(key), { status: 200, headers });
}

/** One "bytes=a-b", "bytes=a-" or "bytes=-n" range; anything else is served whole. */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/** The received name, with the extension of the copy when we serve a converted one. */
function downloadName(fileName: string | null, key: string): string {
  const base = fileName || "attachment";
  const converted = key.match(/\/(?:display|thumb)\.(\w+)$/);
  return converted ? `${base.replace(/\.[a-z0-9]+$/i, "")}.${converted[1]}` : base;
}
