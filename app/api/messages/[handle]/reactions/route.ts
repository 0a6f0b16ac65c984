import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { sendReaction } from "@/lib/send/send-reaction";
import { reactionBody } from "@/lib/send/send-schemas";
import { requireSendblueClient } from "@/lib/sendblue/configured-client";

export const POST = apiRoute<{ handle: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  requireUser(principal);
  const body = await parseJsonBody(request, reactionBody);
  const result = await sendReaction(db(), requireSendblueClient(), {
    handle: decodeURIComponent(params.handle),
    ...body,
  });
  return Response.json(result, { status: 201 });
});
