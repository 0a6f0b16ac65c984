import { fileTypeFromBuffer } from "file-type";
import convertHeic from "heic-convert";
import { parseBuffer } from "music-metadata";
import sharp from "sharp";
import { isCaf, readCafInfo } from "./caf";
import { cafOpusToOgg } from "./caf-to-ogg";
import { parseVcard, type ContactCard } from "./parse-vcard";
import type { DisplayExt } from "./storage";

// What a downloaded attachment really is. The webhook carries no MIME type and the URL's
// extension can lie, so the bytes decide; then the facts the dashboard needs to lay it
// out (dimensions, duration), a thumbnail, and a JPEG copy for images browsers cannot show.

export type Inspection = {
  kind: string;
  contentType: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  card: ContactCard | null;
  /** A copy every browser shows, when the original is not one: HEIC → JPEG, CAF → Ogg Opus. */
  display: { bytes: Buffer; ext: DisplayExt } | null;
  thumbnail: Buffer | null;
};

const THUMBNAIL_EDGE = 480;
const HEIF_TYPES = new Set(["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"]);

export async function inspectMedia(bytes: Buffer): Promise<Inspection> {
  const contentType = await sniffContentType(bytes);
  const base: Inspection = {
    kind: kindOf(contentType),
    contentType,
    width: null,
    height: null,
    durationMs: null,
    card: null,
    display: null,
    thumbnail: null,
  };
  if (base.kind === "image") return { ...base, ...(await inspectImage(bytes, contentType)) };
  if (base.kind === "contact") return { ...base, card: parseVcard(bytes.toString("utf8")) };
  if (contentType === "audio/x-caf") {
    const ogg = cafOpusToOgg(bytes);
    return { ...base, durationMs: readCafInfo(bytes)?.durationMs ?? null, display: ogg && { bytes: ogg, ext: "ogg" } };
  }
  if (base.kind === "audio" || base.kind === "video") return { ...base, durationMs: await durationOf(bytes, contentType) };
  return base;
}

async function sniffContentType(bytes: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  // Formats file-type does not know: CAF voice notes and text-based contact cards.
  if (isCaf(bytes)) return "audio/x-caf";
  if (/^\uFEFF?\s*BEGIN:VCARD/i.test(bytes.subarray(0, 64).toString("utf8"))) return "text/vcard";
  // Bytes we cannot name are served as a download, whatever the URL's extension claimed.
  return "application/octet-stream";
}

function kindOf(contentType: string): string {
  if (contentType.startsWith("image/")) return "image";
  if (contentType.startsWith("video/")) return "video";
  if (contentType.startsWith("audio/")) return "audio";
  if (contentType === "text/vcard") return "contact";
  if (contentType === "application/pdf") return "pdf";
  return "file";
}

async function inspectImage(bytes: Buffer, contentType: string): Promise<Partial<Inspection>> {
  let source = bytes;
  let display: Inspection["display"] = null;
  if (HEIF_TYPES.has(contentType)) {
    // Sharp's prebuilt libvips has no HEVC decoder; heic-convert decodes in WebAssembly.
    source = Buffer.from(await convertHeic({ buffer: bytes, format: "JPEG", quality: 0.9 }));
    display = { bytes: source, ext: "jpg" };
  }
  try {
    const image = sharp(source, { animated: false });
    const meta = await image.metadata();
    const thumbnail = await sharp(source, { animated: false })
      .rotate()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    // EXIF orientations 5–8 swap the displayed width and height.
    const swapped = (meta.orientation ?? 1) >= 5;
    return {
      width: (swapped ? meta.height : meta.width) ?? null,
      height: (swapped ? meta.width : meta.height) ?? null,
      display,
      thumbnail,
    };
  } catch {
    // An image sharp cannot decode is still kept and served; it just has no thumbnail.
    return { display };
  }
}

async function durationOf(bytes: Buffer, contentType: string): Promise<number | null> {
  try {
    const meta = await parseBuffer(bytes, { mimeType: contentType }, { duration: true, skipCovers: true });
    return meta.format.duration ? Math.round(meta.format.duration * 1000) : null;
  } catch {
    return null;
  }
}
