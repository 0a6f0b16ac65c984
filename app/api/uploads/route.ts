import { jsonResponse } from "@/lib/http/json-response";
import { uploadResult } from "@/lib/send/send-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { readCappedBody } from "@/lib/http/read-capped-body";
import { requireSendblueClient } from "@/lib/sendblue/configured-client";

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
// Room for the multipart boundaries and part headers around the file.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

// An attachment for a reply goes to Sendblue's storage; the answer's mediaUrl is then sent
// as the message's media_url.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  requireUser(principal);
  const sendblue = requireSendblueClient();
  // The cap holds for chunked uploads too (no Content-Length): reading stops past it.
  const body = await readCappedBody(request, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES);
  if (body.tooLarge) throw new ApiError(413, "file_too_large", "Files up to 100 MB");
  // A view, not a copy: the upload may be 100 MB.
  const bytes = new Uint8Array(body.bytes.buffer as ArrayBuffer, body.bytes.byteOffset, body.bytes.byteLength);
  const form = await new Response(bytes, {
    headers: { "content-type": request.headers.get("content-type") ?? "" },
  })
    .formData()
    .catch(() => {
      throw new ApiError(400, "invalid_form", "Send multipart/form-data with a `file` field");
    });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    throw new ApiError(400, "no_file", "Send multipart/form-data with a `file` field");
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(413, "file_too_large", "Files up to 100 MB");
  const mediaUrl = await sendblue.uploadFile(file, file.name || "attachment");
  return jsonResponse(uploadResult, { mediaUrl }, { status: 201 });
});
