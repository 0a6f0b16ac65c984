// Core Audio Format (.caf, iMessage voice notes): just enough of the container to tell
// the codec and the duration, which no npm metadata library reads.

export type CafInfo = { formatId: string; sampleRate: number; channels: number; durationMs: number | null };

export function isCaf(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.toString("latin1", 0, 4) === "caff";
}

export function readCafInfo(bytes: Buffer): CafInfo | null {
  if (!isCaf(bytes)) return null;
  let desc: { sampleRate: number; formatId: string; bytesPerPacket: number; framesPerPacket: number; channels: number } | null = null;
  let validFrames: number | null = null;
  let dataBytes: number | null = null;
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const type = bytes.toString("latin1", offset, offset + 4);
    const size = Number(bytes.readBigInt64BE(offset + 4));
    const body = offset + 12;
    if (type === "desc" && body + 32 <= bytes.length) {
      desc = {
        sampleRate: bytes.readDoubleBE(body),
        formatId: bytes.toString("latin1", body + 8, body + 12),
        bytesPerPacket: bytes.readUInt32BE(body + 16),
        framesPerPacket: bytes.readUInt32BE(body + 20),
        channels: bytes.readUInt32BE(body + 24),
      };
    } else if (type === "pakt" && body + 16 <= bytes.length) {
      validFrames = Number(bytes.readBigInt64BE(body + 8));
    } else if (type === "data") {
      // size -1 means "to the end of the file"; the first 4 bytes are an edit count.
      dataBytes = (size < 0 ? bytes.length - body : size) - 4;
    }
    if (size < 0) break;
    offset = body + size;
  }
  if (!desc || !(desc.sampleRate > 0)) return null;
  let frames = validFrames;
  if (frames === null && desc.bytesPerPacket > 0 && dataBytes !== null) {
    frames = (dataBytes / desc.bytesPerPacket) * desc.framesPerPacket;
  }
  return {
    formatId: desc.formatId.trim(),
    sampleRate: desc.sampleRate,
    channels: desc.channels,
    durationMs: frames !== null ? Math.round((frames / desc.sampleRate) * 1000) : null,
  };
}
