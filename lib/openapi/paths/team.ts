import { z } from "zod";
import { idPath } from "@/lib/http/common-schemas";
import { conversationLabelAdded, conversationLabelRemoved, labelList, labelView } from "@/lib/labels/label-responses";
import { addConversationLabelBody, createLabelBody, updateLabelBody } from "@/lib/labels/label-schemas";
import { mentionList, mentionsMarked, noteList, noteView } from "@/lib/notes/note-responses";
import { createNoteBody, listMentionsQuery, listNotesQuery, markMentionsReadBody } from "@/lib/notes/note-schemas";
import { presenceChanged, presenceList } from "@/lib/presence/presence-responses";
import { presenceBody } from "@/lib/presence/presence-schemas";
import { idParam } from "@/lib/read/api-schemas";
import { savedReplyList, savedReplyView } from "@/lib/saved-replies/saved-reply-responses";
import { createSavedReplyBody, updateSavedReplyBody } from "@/lib/saved-replies/saved-reply-schemas";
import type { RouteDocs } from "../operation";

// Working together: internal notes and @mentions, labels, saved replies and presence.
// Routes that act as a member (notes, mentions, presence) refuse the shared automation
// token with 403; a signed-in browser's state changes must be same-origin (403 otherwise).

const member = ["bearer", "session"] as const;
const labelPath = z.object({ labelId: idParam });
const replyPath = z.object({ replyId: idParam });
const gone = { 204: { description: "Deleted (no body)" } };

export const teamRoutes: RouteDocs = {
  "GET /api/conversations/{id}/notes": {
    tag: "Notes",
    summary: "A conversation's internal notes, oldest first",
    auth: [...member],
    params: idPath,
    query: listNotesQuery,
    paginated: true,
    responses: { 200: { description: "A page of notes", schema: noteList } },
    errors: [404],
  },
  "POST /api/conversations/{id}/notes": {
    tag: "Notes",
    summary: "Write an internal note (never sent to the contact); `mentions` notifies members",
    auth: [...member],
    params: idPath,
    body: createNoteBody,
    responses: { 201: { description: "The note", schema: noteView } },
    errors: [403, 404],
  },
  "GET /api/mentions": {
    tag: "Notes",
    summary: "The caller's @mentions in notes, newest first, with the unread count",
    auth: [...member],
    query: listMentionsQuery,
    paginated: true,
    responses: { 200: { description: "A page of mentions", schema: mentionList } },
    errors: [403],
  },
  "POST /api/mentions/read": {
    tag: "Notes",
    summary: "Mark some of the caller's mentions read (`ids`), or all of them (`all: true`)",
    auth: [...member],
    body: markMentionsReadBody,
    responses: { 200: { description: "Marked", schema: mentionsMarked } },
    errors: [403],
  },
  "GET /api/labels": {
    tag: "Labels",
    summary: "The team's labels by name, with how many conversations carry each",
    auth: [...member],
    responses: { 200: { description: "Labels", schema: labelList } },
  },
  "POST /api/labels": {
    tag: "Labels",
    summary: "Create a label (names are unique whatever their case)",
    auth: [...member],
    body: createLabelBody,
    responses: { 201: { description: "The label", schema: labelView } },
    errors: [403, 409],
  },
  "PATCH /api/labels/{labelId}": {
    tag: "Labels",
    summary: "Rename or recolour a label",
    auth: [...member],
    params: labelPath,
    body: updateLabelBody,
    responses: { 200: { description: "The label", schema: labelView } },
    errors: [403, 404, 409],
  },
  "DELETE /api/labels/{labelId}": {
    tag: "Labels",
    summary: "Delete a label (it comes off every conversation; the trail keeps its name)",
    auth: [...member],
    params: labelPath,
    responses: gone,
    errors: [403, 404],
  },
  "POST /api/conversations/{id}/labels": {
    tag: "Labels",
    summary: "Put a label (by `labelId` or `name`) on a conversation; doing it twice changes nothing",
    description: "An unknown label is a 400 naming `labelId` or `name`.",
    auth: [...member],
    params: idPath,
    body: addConversationLabelBody,
    responses: {
      201: { description: "Added", schema: conversationLabelAdded },
      200: { description: "The conversation already carried it", schema: conversationLabelAdded },
    },
    errors: [403, 404],
  },
  "DELETE /api/conversations/{id}/labels/{labelId}": {
    tag: "Labels",
    summary: "Take a label off a conversation; taking off one it does not carry changes nothing",
    auth: [...member],
    params: z.object({ id: idParam, labelId: idParam }),
    responses: { 200: { description: "Done", schema: conversationLabelRemoved } },
    errors: [403, 404],
  },
  "GET /api/saved-replies": {
    tag: "Saved replies",
    summary: "The team's saved replies by name, with their {{variables}} as written",
    auth: [...member],
    responses: { 200: { description: "Saved replies", schema: savedReplyList } },
  },
  "POST /api/saved-replies": {
    tag: "Saved replies",
    summary: "Create a saved reply (names are unique whatever their case)",
    auth: [...member],
    body: createSavedReplyBody,
    responses: { 201: { description: "The saved reply", schema: savedReplyView } },
    errors: [403, 409],
  },
  "PATCH /api/saved-replies/{replyId}": {
    tag: "Saved replies",
    summary: "Rename a saved reply or change its body",
    auth: [...member],
    params: replyPath,
    body: updateSavedReplyBody,
    responses: { 200: { description: "The saved reply", schema: savedReplyView } },
    errors: [403, 404, 409],
  },
  "DELETE /api/saved-replies/{replyId}": {
    tag: "Saved replies",
    summary: "Delete a saved reply",
    auth: [...member],
    params: replyPath,
    responses: gone,
    errors: [403, 404],
  },
  "GET /api/conversations/{id}/presence": {
    tag: "Presence",
    summary: "The other members who have the conversation open now, and whether they are writing",
    auth: [...member],
    params: idPath,
    responses: { 200: { description: "Who is present (not the caller)", schema: presenceList } },
  },
  "POST /api/conversations/{id}/presence": {
    tag: "Presence",
    summary: "Heartbeat (~every 10 s while the thread is open): viewing, replying, or left",
    auth: [...member],
    params: idPath,
    body: presenceBody,
    responses: { 200: { description: "Recorded", schema: presenceChanged } },
    errors: [403, 404],
  },
};
