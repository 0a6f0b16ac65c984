import { requireUser } from "@/lib/auth/authenticate";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { requireSendblueClient } from "@/lib/sendblue/configured-client";

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

// An attachment for a reply goes to Sendblue's storage; the answer's mediaUrl is then sent
// as the message's media_url.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  requireUser(principal);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES) {
    throw new ApiError(413, "file_too_large", "Files up to 100 MB");
  }
  const form = await request.formData().catch(() => {
    throw new ApiError(400, "invalid_form", "Send multipart/form-data with a `file` field");
  });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new ApiError(400, "no_file", "Send multipart/form-data with a `file` field");
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(413, "file_too_large", "Files up to 100 MB");
  const mediaUrl = await requireSendblueClient().uploadFile(file, file.name || "attachment");
  return Response.json({ mediaUrl }, { status: 201 });
});
