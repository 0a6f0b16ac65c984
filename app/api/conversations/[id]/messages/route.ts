import { jsonResponse } from "@/lib/http/json-response";
import { messagePage } from "@/lib/read/response-schemas";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { idParam, listMessagesQuery } from "@/lib/read/api-schemas";
import { listMessages } from "@/lib/read/list-messages";

// One statement through the pg pool (lib/read/thread-page.ts); a missing conversation is a 404 from it.
export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params }) => {
  const id = idParam.parse(params.id);
  const query = parseQuery(request, listMessagesQuery);
  return jsonResponse(messagePage, await listMessages(pgPool(), id, query));
});
