import { readCafChunks } from "./caf";

// iMessage voice notes are Opus packets in a CAF container, which only Safari plays.
// Chrome and Firefox play the same packets in an Ogg container, so we re-wrap them:
// no decoding, no quality loss, a few kilobytes of work. Other CAF codecs return null
// and are offered as a download.

const OGG_RATE = 48_000; // Ogg Opus granule positions always count 48 kHz samples

export function cafOpusToOgg(caf: Buffer): Buffer | null {
  const chunks = readCafChunks(caf);
  const desc = chunks.get("desc");
  const data = chunks.get("data");
  const pakt = chunks.get("pakt");
  if (!desc || !data || !pakt || desc.length < 32 || pakt.length < 24) return null;
  if (desc.toString("latin1", 8, 12) !== "opus") return null;
  const sampleRate = desc.readDoubleBE(0);
  const framesPerPacket = desc.readUInt32BE(20);
  const channels = desc.readUInt32BE(24);
  if (!(sampleRate > 0) || channels < 1 || channels > 2) return null;

  const packetCount = Number(pakt.readBigInt64BE(0));
  const validFrames = Number(pakt.readBigInt64BE(8));
  const priming = pakt.readInt32BE(16);
  const scale = OGG_RATE / sampleRate;

  // The packet table: a variable-length size per packet (and a frame count when the
  // format has no fixed frames per packet).
  const packets: { bytes: Buffer; frames: number }[] = [];
  let tableAt = 24;
  let dataAt = 4; // skip the edit count
  const readVarInt = () => {
    let value = 0;
    for (;;) {
      if (tableAt >= pakt.length) throw new Error("truncated CAF packet table");
      const byte = pakt[tableAt++]!;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
  };
  try {
    for (let i = 0; i < packetCount; i++) {
      const size = readVarInt();
      const frames = framesPerPacket || readVarInt();
      if (dataAt + size > data.length) return null;
      packets.push({ bytes: data.subarray(dataAt, dataAt + size), frames });
      dataAt += size;
    }
  } catch {
    return null;
  }

  const preSkip = Math.round(priming * scale);
  const writer = new OggWriter(0x1f2e3d4c);
  writer.page([opusHead(channels, preSkip, sampleRate)], 0, 0x02);
  writer.page([opusTags()], 0, 0);
  // The last granule is the true end, so players trim the padding of the final packet.
  const endGranule = preSkip + Math.round(validFrames * scale);
  let granule = 0;
  let batch: Buffer[] = [];
  let segments = 0;
  packets.forEach((p, i) => {
    const laces = Math.floor(p.bytes.length / 255) + 1;
    if (segments + laces > 255) {
      writer.page(batch, granule, 0);
      batch = [];
      segments = 0;
    }
    batch.push(p.bytes);
    segments += laces;
    granule = i === packets.length - 1 ? endGranule : granule + Math.round(p.frames * scale);
  });
  writer.page(batch, granule, 0x04);
  return writer.bytes();
}

function opusHead(channels: number, preSkip: number, inputRate: number): Buffer {
  const head = Buffer.alloc(19);
  head.write("OpusHead", 0, "latin1");
  head.writeUInt8(1, 8);
  head.writeUInt8(channels, 9);
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(Math.round(inputRate), 12);
  head.writeInt16LE(0, 16); // output gain
  head.writeUInt8(0, 18); // channel mapping family 0: mono or stereo
  return head;
}

function opusTags(): Buffer {
  const vendor = Buffer.from("sendblue-inbox", "utf8");
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write("OpusTags", 0, "latin1");
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length);
  return tags;
}

class OggWriter {
  private pages: Buffer[] = [];
  private sequence = 0;
  constructor(private readonly serial: number) {}

  /** One page holding whole packets (each packet's lacing ends on this page). */
  page(packets: Buffer[], granule: number, flags: number): void {
    const lacing: number[] = [];
    for (const p of packets) {
      for (let left = p.length; ; left -= 255) {
        lacing.push(Math.min(left, 255));
        if (left < 255) break;
      }
    }
    const header = Buffer.alloc(27 + lacing.length);
    header.write("OggS", 0, "latin1");
    header.writeUInt8(0, 4);
    header.writeUInt8(flags, 5);
    header.writeBigInt64LE(BigInt(granule), 6);
    header.writeUInt32LE(this.serial, 14);
    header.writeUInt32LE(this.sequence++, 18);
    header.writeUInt8(lacing.length, 26);
    lacing.forEach((l, i) => {
      header.writeUInt8(l, 27 + i);
    });
    const page = Buffer.concat([header, ...packets]);
    page.writeUInt32LE(oggCrc(page), 22);
    this.pages.push(page);
  }

  bytes(): Buffer {
    return Buffer.concat(this.pages);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0. */
function oggCrc(page: Buffer): number {
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}
