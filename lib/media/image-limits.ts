// Decompression bombs: a small file that declares a huge image. Decoding one in the server
// process would take gigabytes (sharp's own default cap is 268 M pixels, ~1 GB as RGBA), so
// dimensions are read from the header first and anything past MAX_IMAGE_PIXELS is refused
// before a single pixel is decoded. 40 M pixels is well above any phone camera (a 48 MP
// iPhone photo is saved as 24 MP HEIC by default) and bounds a decode to ~160 MB.

export const MAX_IMAGE_PIXELS = 40_000_000;

/** A permanent refusal: the copy ends `failed` with this message as its reason. */
export class ImageTooLarge extends Error {
  constructor(width: number, height: number) {
    const megapixels = (n: number) => `${Math.round(n / 1e6)} M pixels`;
    super(
      `the image is ${width}×${height} (${megapixels(width * height)}), over the ${megapixels(MAX_IMAGE_PIXELS)} we decode`,
    );
  }
}

export function refuseOversizedImage(width: number | undefined, height: number | undefined): void {
  if (width && height && width * height > MAX_IMAGE_PIXELS) throw new ImageTooLarge(width, height);
}

/**
 * The largest image size a HEIF/HEIC file declares, from its `ispe` (image spatial extent)
 * properties, without decoding: ftyp … meta › iprp › ipco › ispe. Every image item has one
 * (the spec makes it mandatory); a grid's is the whole picture, its tiles' are smaller, so
 * the largest is the one to check. Null when the container holds none.
 */
export function heifDimensions(bytes: Buffer): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  for (const ispe of findBoxes(bytes, 0, bytes.length, ["meta", "iprp", "ipco", "ispe"])) {
    // ispe is a full box: version and flags (4 bytes), then 32-bit width and height.
    if (ispe.end - ispe.start < 12) continue;
    const width = bytes.readUInt32BE(ispe.start + 4);
    const height = bytes.readUInt32BE(ispe.start + 8);
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

// Boxes that are "full boxes" (4 bytes of version and flags before their children).
const FULL_BOX_CONTAINERS = new Set(["meta"]);

type Span = { start: number; end: number };

/** Payload spans of the boxes at `path` (each step a child of the one before), bounds-checked. */
function findBoxes(bytes: Buffer, start: number, end: number, path: string[]): Span[] {
  const [name, ...rest] = path;
  const found: Span[] = [];
  let at = start;
  // A hostile file may claim any sizes: every read is checked against the enclosing box.
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) break;
      const large = bytes.readBigUInt64BE(at + 8);
      if (large > BigInt(end - at)) break;
      size = Number(large);
      header = 16;
    } else if (size === 0) {
      size = end - at; // to the end of the enclosing box
    }
    if (size < header || at + size > end) break;
    if (type === name) {
      let payload = at + header;
      if (FULL_BOX_CONTAINERS.has(type)) payload += 4;
      if (rest.length === 0) found.push({ start: at + header, end: at + size });
      else if (payload <= at + size) found.push(...findBoxes(bytes, payload, at + size, rest));
    }
    at += size;
  }
  return found;
}
