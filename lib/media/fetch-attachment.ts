import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";

// Server-side fetch of an attachment for previews that need parsing. The URL came from a
// webhook body, so it is untrusted: only https anywhere, or http(s) on the operator's
// allow-list; no redirects (they could lead anywhere); capped in size and time.

export const MAX_PREVIEW_BYTES = 1024 * 1024;
const TIMEOUT_MS = 5000;

export function isFetchAllowed(raw: string, allowedHosts = env().MEDIA_FETCH_ALLOWED_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && allowedHosts.includes(host);
}

export async function fetchAttachmentText(raw: string): Promise<string> {
  if (!isFetchAllowed(raw)) throw new ApiError(422, "media_url_refused", "This attachment's URL may not be fetched");
  let response: Response;
  try {
    response = await fetch(raw, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new ApiError(502, "media_unavailable", timedOut ? "The attachment host did not answer in time" : "The attachment could not be fetched");
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ApiError(502, "media_unavailable", `The attachment host answered ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_PREVIEW_BYTES) {
    await response.body?.cancel();
    throw new ApiError(413, "media_too_large", "The attachment is larger than 1 MB");
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_PREVIEW_BYTES) {
      await reader.cancel();
      throw new ApiError(413, "media_too_large", "The attachment is larger than 1 MB");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
