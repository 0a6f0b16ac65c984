import { z } from "zod";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { getMessageContext, listNewerMessages } from "@/lib/search/message-context";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z.string().max(200).optional(),
});

// GET /api/messages/:handle/context — the message with `limit` older and newer neighbours;
// with ?after=<newerCursor>, the next newer page instead.
export const GET = apiRoute<{ handle: string }>({ auth: "token" }, async ({ request, params }) => {
  const handle = decodeURIComponent(params.handle);
  const { limit, after } = parseQuery(request, query);
  const result = after ? await listNewerMessages(db(), handle, after, limit) : await getMessageContext(db(), handle, limit);
  if (!result) throw new ApiError(404, "not_found", `No message with handle ${handle.slice(0, 100)}`);
  return Response.json(result);
});
