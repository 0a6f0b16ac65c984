import { jsonResponse } from "@/lib/http/json-response";
import { meResponse, meUpdated } from "@/lib/auth/auth-responses";
import { updateMeBody } from "@/lib/auth/auth-schemas";
import { requireUser } from "@/lib/auth/authenticate";
import { readMemberPreferences, updateMemberPreferences } from "@/lib/auth/member-preferences";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) => {
  const user = requireUser(principal);
  return jsonResponse(meResponse, { user, preferences: await readMemberPreferences(db(), user.id) });
});

/** The calling member's own preferences: autoAssign (round-robin assignment), notifications (which ones reach them). */
export const PATCH = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireUser(principal);
  const body = await parseJsonBody(request, updateMeBody);
  return jsonResponse(meUpdated, await updateMemberPreferences(db(), user.id, body));
});
