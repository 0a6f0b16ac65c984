import { jsonResponse } from "@/lib/http/json-response";
import { contactList } from "@/lib/read/response-schemas";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listContactsQuery } from "@/lib/read/api-schemas";
import { listContacts } from "@/lib/read/list-contacts";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  const query = parseQuery(request, listContactsQuery);
  return jsonResponse(contactList, await listContacts(db(), query));
});
