import { jsonResponse } from "@/lib/http/json-response";
import { noteList, noteView } from "@/lib/notes/note-responses";
import { requireUser } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/json-body";
import { parseQuery } from "@/lib/http/query";
import { createNote } from "@/lib/notes/create-note";
import { listNotes } from "@/lib/notes/list-notes";
import { createNoteBody, listNotesQuery } from "@/lib/notes/note-schemas";
import { idParam } from "@/lib/read/api-schemas";

// Internal notes: written by a member, shown to members, never sent to Sendblue.
export const POST = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params, principal }) => {
  const user = requireUser(principal);
  const body = await parseJsonBody(request, createNoteBody);
  const note = await createNote(db(), user, { conversationId: idParam.parse(params.id), ...body });
  return jsonResponse(noteView, note, { status: 201 });
});

export const GET = apiRoute<{ id: string }>({ auth: "token" }, async ({ request, params }) => {
  const id = idParam.parse(params.id);
  const query = parseQuery(request, listNotesQuery);
  const exists = await db().conversation.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new ApiError(404, "not_found", `No conversation ${id}`);
  return jsonResponse(noteList, await listNotes(db(), id, query));
});
