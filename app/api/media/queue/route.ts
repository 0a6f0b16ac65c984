import { pgPool } from "@/lib/db/pg-pool";
import { apiRoute } from "@/lib/http/api-route";
import { mediaQueueStatus } from "@/lib/media/queue-status";

export const GET = apiRoute({ auth: "token" }, async () => Response.json(await mediaQueueStatus(pgPool())));
