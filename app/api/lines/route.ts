import { jsonResponse } from "@/lib/http/json-response";
import { lineList } from "@/lib/read/response-schemas";
import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { listLines } from "@/lib/read/list-lines";

export const GET = apiRoute({ auth: "token" }, async () => jsonResponse(lineList, await listLines(pgPool())));
