// Reads a request body up to a cap. A declared Content-Length over the cap is refused before
// reading anything; a chunked body (no Content-Length) is read until it passes the cap and
// then cancelled, so an oversized upload costs at most cap + one chunk of memory, never
// the whole thing. Every route that reads a body goes through this (webhooks, JSON API
// bodies, uploads).

export type CappedBody = { tooLarge: false; bytes: Buffer } | { tooLarge: true; size: number };

export async function readCappedBody(request: Request, limit: number): Promise<CappedBody> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) {
    // Nothing read: tell the stream we are done with it rather than leave it pending.
    await request.body?.cancel().catch(() => {});
    return { tooLarge: true, size: declared };
  }
  if (!request.body) return { tooLarge: false, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { tooLarge: true, size };
    }
    chunks.push(value);
  }
  return { tooLarge: false, bytes: Buffer.concat(chunks) };
}

/** The first `limit` bytes of a body (then the stream is cancelled), and whether there was more. */
export async function readBodyPrefix(request: Request, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  if (!request.body) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), truncated: false };
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { bytes: Buffer.concat(chunks).subarray(0, limit), truncated: true };
    }
  }
}
