import { jsonResponse } from "@/lib/http/json-response";
import { messageDetail } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { getMessageWithHistory } from "@/lib/read/list-messages";

export const GET = apiRoute<{ handle: string }>({ auth: "token" }, async ({ params }) => {
  const handle = decodeURIComponent(params.handle);
  const message = await getMessageWithHistory(db(), handle);
  if (!message) throw new ApiError(404, "not_found", `No message with handle ${handle.slice(0, 100)}`);
  return jsonResponse(messageDetail, message);
});
