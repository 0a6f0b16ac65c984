import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseQuery } from "@/lib/http/query";
import { listContactsQuery } from "@/lib/read/api-schemas";
import { listContacts } from "@/lib/read/list-contacts";

export const GET = apiRoute({ auth: "token" }, async ({ request }) => {
  const query = parseQuery(request, listContactsQuery);
  return Response.json(await listContacts(db(), query));
});
