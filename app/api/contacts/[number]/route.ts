import { jsonResponse } from "@/lib/http/json-response";
import { contactNameBody, contactNamed, contactNumberParam, nameContact } from "@/lib/contacts/name-contact";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";

// Name a number: { firstName?, lastName?, companyName? } (null or "" clears one).
export const PATCH = apiRoute<{ number: string }>({ auth: "token" }, async ({ request, params }) => {
  const number = contactNumberParam.parse(params.number);
  const body = await parseJsonBody(request, contactNameBody);
  return jsonResponse(contactNamed, { contact: await nameContact(db(), number, body) });
});
