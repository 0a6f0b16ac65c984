import { jsonResponse } from "@/lib/http/json-response";
import { memberCreated, memberList } from "@/lib/auth/auth-responses";
import { createMemberBody } from "@/lib/auth/auth-schemas";
import { requireOwnerSession, requireUser } from "@/lib/auth/authenticate";
import { createUser, listUsers } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

export const GET = apiRoute({ auth: "token" }, async ({ principal }) => {
  requireUser(principal);
  return jsonResponse(memberList, { members: await listUsers(db()) });
});

// An owner, signed in: an API token never creates members or owners.
export const POST = apiRoute({ auth: "token" }, async ({ request, principal }) => {
  requireOwnerSession(principal);
  const body = await parseJsonBody(request, createMemberBody);
  return jsonResponse(memberCreated, { member: await createUser(db(), body) }, { status: 201 });
});
