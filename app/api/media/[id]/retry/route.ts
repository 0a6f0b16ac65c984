import { jsonResponse } from "@/lib/http/json-response";
import { retryMediaResponse } from "@/lib/http/system-responses";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { kickMediaMirror } from "@/lib/media/kick";
import { requeue } from "@/lib/media/queue";
import { idParam } from "@/lib/read/api-schemas";

// Puts a failed or expired attachment back in the mirror queue, due now.
export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const id = idParam.parse(params.id);
  if (!(await requeue(db(), id))) {
    const row = await db().mediaAttachment.findUnique({ where: { id }, select: { mirrorState: true } });
    if (!row) throw new ApiError(404, "not_found", `No attachment ${id}`);
    throw new ApiError(
      409,
      "not_retryable",
      `Attachment ${id} is ${row.mirrorState}; only failed or expired ones are retried`,
    );
  }
  kickMediaMirror();
  return jsonResponse(retryMediaResponse, { id, state: "pending" }, { status: 202 });
});
