import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { listLines } from "@/lib/read/list-lines";

export const GET = apiRoute({ auth: "token" }, async () => Response.json(await listLines(db())));
