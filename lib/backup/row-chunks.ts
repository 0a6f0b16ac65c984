// COPY's text output split into pieces of about `size` bytes that each end at a row boundary
// (a row is one line: COPY escapes newlines inside values). Each piece becomes one tar entry,
// whose header needs its size up front; holding one piece, never a whole table, keeps the
// memory flat whatever the table's size.

export const CHUNK_BYTES = 8 * 1024 * 1024;

export async function* rowChunks(
  source: AsyncIterable<Buffer>,
  size = CHUNK_BYTES,
): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    pending.push(piece);
    pendingBytes += piece.length;
    if (pendingBytes < size) continue;
    const joined = Buffer.concat(pending, pendingBytes);
    const end = joined.lastIndexOf(0x0a) + 1;
    if (end === 0) {
      // One row longer than a chunk: keep reading until it ends.
      pending = [joined];
      continue;
    }
    yield { bytes: joined.subarray(0, end), rows: countRows(joined.subarray(0, end)) };
    const rest = joined.subarray(end);
    pending = rest.length ? [rest] : [];
    pendingBytes = rest.length;
  }
  if (pendingBytes) {
    const joined = Buffer.concat(pending, pendingBytes);
    yield { bytes: joined, rows: countRows(joined) };
  }
}

/** Rows in a piece of COPY text output (one newline each). */
export function countRows(bytes: Uint8Array): number {
  let rows = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) rows++;
  return rows;
}
