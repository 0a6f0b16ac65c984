import { log } from "@/lib/http/log";

// A download written a chunk at a time from an async generator, so an export of any size
// holds one page of rows in memory, not the file.
//
// - The first chunk is produced before the Response exists: a bad query, a missing row or an
//   unreachable database still answers with its status and the one error shape (apiRoute),
//   not a 200 that breaks off. Generators therefore query before their first yield.
// - Pull-driven: the next page is read only when the client has taken the last one, so a
//   slow download does not pile pages up in memory.
// - A failure later on errors the stream (the client sees a broken download, never a file
//   that silently ends early); a client that goes away stops the generator.

const encoder = new TextEncoder();

export async function streamResponse(
  chunks: AsyncGenerator<string>,
  headers: HeadersInit,
  requestId?: string,
): Promise<Response> {
  const first = await chunks.next();
  let pending: string | null = first.done ? null : first.value;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          let text: string;
          if (pending !== null) {
            text = pending;
            pending = null;
          } else {
            const next = await chunks.next();
            if (next.done) return controller.close();
            text = next.value;
          }
          if (text) return controller.enqueue(encoder.encode(text));
        }
      } catch (error) {
        log("error", "export stream failed", {
          requestId,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { status: 200, headers });
}
