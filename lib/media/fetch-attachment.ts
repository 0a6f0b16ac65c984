import { ApiError } from "@/lib/http/api-error";
import { FetchRefused, HttpStatusError, safeFetch, TimeoutError, TooLargeError } from "./safe-fetch";

// Server-side fetch of an attachment for previews that need parsing, before the mirrored
// copy exists. The URL came from a webhook body, so it goes through safeFetch: https on an
// allowed host, never a private address, redirects re-checked, capped in size and time.

export const MAX_PREVIEW_BYTES = 1024 * 1024;
const TIMEOUT_MS = 5000;

export async function fetchAttachmentText(raw: string): Promise<string> {
  try {
    const { bytes } = await safeFetch(raw, { maxBytes: MAX_PREVIEW_BYTES, timeoutMs: TIMEOUT_MS });
    return bytes.toString("utf8");
  } catch (error) {
    if (error instanceof FetchRefused)
      throw new ApiError(422, "media_url_refused", "This attachment's URL may not be fetched");
    if (error instanceof TooLargeError)
      throw new ApiError(413, "media_too_large", "The attachment is larger than 1 MB");
    if (error instanceof HttpStatusError)
      throw new ApiError(502, "media_unavailable", `The attachment host answered ${error.status}`);
    if (error instanceof TimeoutError)
      throw new ApiError(502, "media_unavailable", "The attachment host did not answer in time");
    throw new ApiError(502, "media_unavailable", "The attachment could not be fetched");
  }
}
