import { jsonResponse } from "@/lib/http/json-response";
import { okBody } from "@/lib/http/common-schemas";
import { after } from "next/server";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { markConversationRead } from "@/lib/read/mark-read";
import { viewerIdOf } from "@/lib/workflow/actor";
import { markReadOnSendblue } from "@/lib/send/mark-read-on-sendblue";

export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const id = idParam.parse(params.id);
  if (!(await markConversationRead(db(), id, viewerIdOf(principal))))
    throw new ApiError(404, "not_found", `No conversation ${id}`);
  // The read state is stored above; telling Sendblue can happen after the answer.
  if (env().SENDBLUE_MARK_READ) after(() => markReadOnSendblue(db(), id));
  return jsonResponse(okBody, { ok: true });
});
