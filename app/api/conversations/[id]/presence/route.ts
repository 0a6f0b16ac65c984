import { jsonResponse } from "@/lib/http/json-response";
import { presenceChanged, presenceList } from "@/lib/presence/presence-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { heartbeat, listPresence } from "@/lib/presence/presence";
import { presenceBody } from "@/lib/presence/presence-schemas";
import { idParam } from "@/lib/read/api-schemas";

// Collision detection. A member's browser posts {state} every ~10 s while the thread is open
// (viewing, or replying while they write) and "left" when it closes; GET lists the others.

export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  const user = requireUser(principal);
  const { state } = await parseJsonBody(request, presenceBody);
  return jsonResponse(presenceChanged, await heartbeat(db(), user, idParam.parse(params.id), state));
});

export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const me = principal && principal.kind !== "automation" ? principal.user.id : null;
  return jsonResponse(presenceList, { present: await listPresence(db(), idParam.parse(params.id), me) });
});
