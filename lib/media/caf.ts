// Core Audio Format (.caf, iMessage voice notes): just enough of the container to tell
// the codec and the duration, which no npm metadata library reads.

export type CafInfo = { formatId: string; sampleRate: number; channels: number; durationMs: number | null };

export function isCaf(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.toString("latin1", 0, 4) === "caff";
}

/** The file's chunks by type (the first of each), with their bodies. */
export function readCafChunks(bytes: Buffer): Map<string, Buffer> {
  const chunks = new Map<string, Buffer>();
  if (!isCaf(bytes)) return chunks;
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const type = bytes.toString("latin1", offset, offset + 4);
    const size = Number(bytes.readBigInt64BE(offset + 4));
    const body = offset + 12;
    // Size -1 (only for 'data') means "to the end of the file".
    const end = size < 0 ? bytes.length : Math.min(bytes.length, body + size);
    if (!chunks.has(type)) chunks.set(type, bytes.subarray(body, end));
    if (size < 0) break;
    offset = body + size;
  }
  return chunks;
}

export function readCafInfo(bytes: Buffer): CafInfo | null {
  const chunks = readCafChunks(bytes);
  const desc = chunks.get("desc");
  if (!desc || desc.length < 32) return null;
  const sampleRate = desc.readDoubleBE(0);
  const bytesPerPacket = desc.readUInt32BE(16);
  const framesPerPacket = desc.readUInt32BE(20);
  if (!(sampleRate > 0)) return null;
  const pakt = chunks.get("pakt");
  const data = chunks.get("data");
  let frames: number | null = null;
  if (pakt && pakt.length >= 16) frames = Number(pakt.readBigInt64BE(8));
  else if (data && bytesPerPacket > 0) frames = ((data.length - 4) / bytesPerPacket) * framesPerPacket;
  return {
    formatId: desc.toString("latin1", 8, 12).trim(),
    sampleRate,
    channels: desc.readUInt32BE(24),
    durationMs: frames !== null ? Math.round((frames / sampleRate) * 1000) : null,
  };
}
