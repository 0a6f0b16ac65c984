import { jsonResponse } from "@/lib/http/json-response";
import { tokenCreated, tokenList } from "@/lib/auth/auth-responses";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { createTokenBody } from "@/lib/auth/auth-schemas";
import { requireSession, requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) =>
  jsonResponse(tokenList, { tokens: await listApiTokens(db(), requireUser(principal).id) }),
);

// The token itself is in this answer only; afterwards only its prefix is shown. Only a
// signed-in session may create one, so a leaked token cannot mint its own successors.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  const user = requireSession(principal);
  const { name } = await parseJsonBody(request, createTokenBody);
  return jsonResponse(tokenCreated, await createApiToken(db(), user.id, name), { status: 201 });
});
