import { jsonResponse } from "@/lib/http/json-response";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { lineNameBody, lineNamed, nameLine } from "@/lib/lines/name-line";
import { idParam } from "@/lib/read/api-schemas";

// Name a line: { name } (null or "" clears it).
export const PATCH = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params }) => {
  const body = await parseJsonBody(request, lineNameBody);
  return jsonResponse(lineNamed, { line: await nameLine(db(), idParam.parse(params.id), body.name) });
});
