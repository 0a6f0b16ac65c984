import { z } from "zod";
import { handlePath, idPath, okBody } from "@/lib/http/common-schemas";
import { sendResult, typingResult, uploadResult } from "@/lib/send/send-responses";
import { reactionBody, replyBody, typingBody } from "@/lib/send/send-schemas";
import type { RouteDocs } from "../operation";

const sent = {
  202: { description: "Accepted by Sendblue", schema: sendResult },
  502: { description: "Sendblue refused it; the message is stored as FAILED", schema: sendResult },
};

export const sendRoutes: RouteDocs = {
  "POST /api/conversations/{id}/replies": {
    tag: "Sending",
    summary: "Send a reply from the conversation's line (idempotent per clientId)",
    auth: ["bearer", "session"],
    params: idPath,
    body: replyBody,
    responses: sent,
    errors: [403, 404, 409],
  },
  "POST /api/conversations/{id}/typing": {
    tag: "Sending",
    summary: "Show the contact that you are typing (iMessage 1:1)",
    auth: ["bearer", "session"],
    params: idPath,
    body: typingBody,
    responses: { 200: { description: "Sent, or why not", schema: typingResult } },
    errors: [403, 404],
  },
  "POST /api/conversations/{id}/read": {
    tag: "Conversations",
    summary: "Mark a conversation read",
    auth: ["bearer", "session"],
    params: idPath,
    responses: { 200: { description: "Marked", schema: okBody } },
    errors: [404],
  },
  "POST /api/messages/{handle}/reactions": {
    tag: "Sending",
    summary: "Send a tapback on a message",
    auth: ["bearer", "session"],
    params: handlePath,
    body: reactionBody,
    responses: { 201: { description: "Sent", schema: z.looseObject({}) } },
    errors: [403, 404],
  },
  "POST /api/messages/{handle}/retry": {
    tag: "Sending",
    summary: "Send a failed reply again",
    auth: ["bearer", "session"],
    params: handlePath,
    responses: sent,
    errors: [403, 404, 409],
  },
  "POST /api/uploads": {
    tag: "Sending",
    summary: "Upload an attachment (multipart/form-data, field `file`, up to 100 MB) for a reply",
    auth: ["bearer", "session"],
    body: z.object({ file: z.string().describe("The file (binary)") }),
    bodyContentType: "multipart/form-data",
    responses: { 201: { description: "Uploaded to Sendblue", schema: uploadResult } },
    errors: [403, 413],
  },
};
