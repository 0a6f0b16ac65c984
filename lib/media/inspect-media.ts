import { open, readFile } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import convertHeic from "heic-convert";
import { parseBuffer, parseFile, type IAudioMetadata } from "music-metadata";
import sharp from "sharp";
import { isCaf, readCafInfo } from "./caf";
import { heifDimensions, MAX_IMAGE_PIXELS, refuseOversizedImage } from "./image-limits";
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

// Photos, voice notes and cards are a few MB and are inspected in memory (thumbnails, HEIC
// and CAF conversions need the whole file). Past this size, a download (in practice a
// video) is named by its first bytes and measured from the file, in bounded memory.
export const IN_MEMORY_MAX_BYTES = 32 * 1024 * 1024;
const HEAD_BYTES = 1024 * 1024;

export async function inspectMediaFile(
  file: string,
  size: number,
  inMemoryMax = IN_MEMORY_MAX_BYTES,
): Promise<Inspection> {
  if (size <= inMemoryMax) return inspectMedia(await readFile(file));
  const base = bareFacts(await sniffContentType(await readHead(file, HEAD_BYTES)));
  // A huge image or document is kept and served as it is, without a thumbnail.
  if (base.kind === "audio" || base.kind === "video") return { ...base, durationMs: await durationOfFile(file) };
  return base;
}

/** What the type alone tells; the rest is filled in where the bytes allow. */
function bareFacts(contentType: string): Inspection {
  return {
    kind: kindOf(contentType),
    contentType,
    width: null,
    height: null,
    durationMs: null,
    card: null,
    display: null,
    thumbnail: null,
  };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function inspectMedia(bytes: Buffer): Promise<Inspection> {
  const contentType = await sniffContentType(bytes);
  const base = bareFacts(contentType);
  if (base.kind === "image") return { ...base, ...(await inspectImage(bytes, contentType)) };
  if (base.kind === "contact") return { ...base, card: parseVcard(bytes.toString("utf8")) };
  if (contentType === "audio/x-caf") {
    const ogg = cafOpusToOgg(bytes);
    return { ...base, durationMs: readCafInfo(bytes)?.durationMs ?? null, display: ogg && { bytes: ogg, ext: "ogg" } };
  }
  if (base.kind === "audio" || base.kind === "video")
    return { ...base, durationMs: await durationOf(bytes, contentType) };
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
    // heic-convert decodes whatever size the file declares, in this process: check the
    // container's declared size first, and decode nothing that does not declare one.
    const declared = heifDimensions(bytes);
    if (!declared) return {};
    refuseOversizedImage(declared.width, declared.height);
    // Sharp's prebuilt libvips has no HEVC decoder; heic-convert decodes in WebAssembly.
    source = Buffer.from(await convertHeic({ buffer: bytes, format: "JPEG", quality: 0.9 }));
    display = { bytes: source, ext: "jpg" };
  }
  // metadata() reads the header without decoding (and without the pixel cap, which would
  // make it throw, hiding the size), so an oversized image is refused by name; the cap then
  // also guards the decode itself.
  const options = { animated: false, limitInputPixels: MAX_IMAGE_PIXELS };
  const meta = await sharp(source, { animated: false, limitInputPixels: false })
    .metadata()
    .catch(() => null);
  // An image sharp cannot read is still kept and served; it just has no thumbnail.
  if (!meta) return { display };
  refuseOversizedImage(meta.width, meta.height);
  try {
    const thumbnail = await sharp(source, options)
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
    return { display };
  }
}

function durationOf(bytes: Buffer, contentType: string): Promise<number | null> {
  return durationFrom(parseBuffer(bytes, { mimeType: contentType }, METADATA_OPTIONS));
}

function durationOfFile(file: string): Promise<number | null> {
  return durationFrom(parseFile(file, METADATA_OPTIONS));
}

const METADATA_OPTIONS = { duration: true, skipCovers: true };

async function durationFrom(parsing: Promise<IAudioMetadata>): Promise<number | null> {
  try {
    const meta = await parsing;
    return meta.format.duration ? Math.round(meta.format.duration * 1000) : null;
  } catch {
    return null;
  }
}
