import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { idParam } from "@/lib/read/api-schemas";
import { markConversationRead } from "@/lib/read/mark-read";

export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ params }) => {
  const id = idParam.parse(params.id);
  if (!(await markConversationRead(db(), id))) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return Response.json({ ok: true });
});
