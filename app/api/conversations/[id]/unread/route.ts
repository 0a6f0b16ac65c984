import { jsonResponse } from "@/lib/http/json-response";
import { okBody } from "@/lib/http/common-schemas";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/authenticate";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { markUnreadForMember } from "@/lib/workflow/member-reads";

/** Mark as unread for the calling member (read positions are per member). */
export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const id = idParam.parse(params.id);
  const marked = await markUnreadForMember(db(), requireUser(principal), [id]);
  if (!marked.length) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return jsonResponse(okBody, { ok: true });
});
