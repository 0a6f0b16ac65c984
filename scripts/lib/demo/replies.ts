import { randomUUID } from "node:crypto";

// `npm run demo -- --replies`: after the webhook stream, answer a few conversations through
// the inbox's own reply API, as automation (INBOX_API_TOKEN). With the inbox pointed at
// `npm run sendblue:fake`, the stand-in accepts them and posts their statuses back.

const REPLIES = [
  "Thanks — we're on it and will confirm within the hour.",
  "Got it! I'll send the details shortly.",
  "Perfect, see you then.",
];

type ConversationList = { conversations: { id: number; kind: string; title: string }[] };

export async function sendDemoReplies(base: string, apiToken: string, log: (line: string) => void): Promise<number> {
  const headers = { authorization: `Bearer ${apiToken}`, "content-type": "application/json" };
  const list = (await (
    await fetch(new URL("/api/conversations?limit=10", base), { headers })
  ).json()) as ConversationList;
  const targets = list.conversations.filter((c) => c.kind === "direct").slice(0, REPLIES.length);
  let failures = 0;
  for (const [i, conversation] of targets.entries()) {
    const res = await fetch(new URL(`/api/conversations/${conversation.id}/replies`, base), {
      method: "POST",
      headers,
      body: JSON.stringify({ clientId: randomUUID(), content: REPLIES[i] }),
    });
    const body = (await res.json().catch(() => ({}))) as { status?: string; error?: { message?: string } };
    if (res.ok) log(`replied to ${conversation.title}: ${body.status}`);
    else {
      failures++;
      log(`reply to ${conversation.title} refused (HTTP ${res.status}): ${body.error?.message ?? ""}`);
    }
  }
  return failures;
}
