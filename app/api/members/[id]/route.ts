import { jsonResponse } from "@/lib/http/json-response";
import { revokedResponse } from "@/lib/auth/auth-responses";
import { okBody } from "@/lib/http/common-schemas";
import { updateMemberBody } from "@/lib/auth/auth-schemas";
import { requireOwnerSession } from "@/lib/auth/authenticate";
import type { Revoked } from "@/lib/auth/revoke-access";
import { removeUser, resetMemberPassword, setUserDisabled } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { idParam } from "@/lib/read/api-schemas";

// Owners, signed in (not with an API token, which could otherwise set another member's
// password and sign in as them). The answer says how many sessions and API tokens ended.
export const PATCH = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  const owner = requireOwnerSession(principal);
  const { disabled, password } = await parseJsonBody(request, updateMemberBody);
  const id = idParam.parse(params.id);
  const revoked: Revoked = { sessions: 0, apiTokens: 0 };
  const add = (r: Revoked) => {
    revoked.sessions += r.sessions;
    revoked.apiTokens += r.apiTokens;
  };
  if (password !== undefined) add(await resetMemberPassword(db(), owner.id, id, password));
  if (disabled !== undefined) add(await setUserDisabled(db(), owner.id, id, disabled));
  return jsonResponse(revokedResponse, { ok: true, revoked });
});

export const DELETE = apiRoute<{ id: string }>({ auth: "token" }, async ({ params, principal }) => {
  const owner = requireOwnerSession(principal);
  await removeUser(db(), owner.id, idParam.parse(params.id));
  return jsonResponse(okBody, { ok: true });
});
