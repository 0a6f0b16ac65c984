import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { statusCallbackToken } from "@/lib/webhooks/status-callback-token";
import { WEBHOOK_TYPES } from "@/lib/webhooks/webhook-types";
import { demoPlan, type DemoPlan } from "@/scripts/lib/demo/plan";
import { testDb } from "@/tests/support/db";
import { callWebhook } from "@/tests/support/webhooks";

// The demo's stream through the real webhook handler: every post accepted, and the inbox
// it leaves behind is the one the plan describes.

const seed = String(Math.floor(Math.random() * 900) + 100);
let plan: DemoPlan;
const results: { type: string; label: string; status: number; outcome: string }[] = [];

beforeAll(async () => {
  plan = demoPlan({ seed, runId: randomUUID(), start: new Date(Date.now() - 120_000) });
  const secret = env().SENDBLUE_WEBHOOK_SECRET!;
  for (const step of plan.steps) {
    const init = step.auth === "token" ? { secret: null, query: `?token=${statusCallbackToken(secret)}` } : {};
    const res = await callWebhook(step.type, step.body, init);
    results.push({ type: step.type, label: step.label, status: res.status, outcome: String(res.body?.outcome) });
  }
}, 60_000);

describe("npm run demo's stream", () => {
  it("posts every kind of webhook and each one is accepted", () => {
    // Every type the inbox takes (lib/webhooks/webhook-types.ts): a new one must join the demo.
    expect(new Set(plan.steps.map((s) => s.type))).toEqual(new Set(WEBHOOK_TYPES));
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    // The retried first message and the repeated statuses are recognised as such.
    expect(results.filter((r) => r.outcome === "duplicate").length).toBeGreaterThanOrEqual(4);
  });

  it("creates the 1:1 and group conversations, with names for the announced contacts", async () => {
    const db = testDb();
    for (const { line, contact } of plan.expected.directConversations) {
      const conversation = await db.conversation.findUnique({ where: { key: `direct:${line}:${contact}` } });
      expect(conversation, `${line} ↔ ${contact}`).not.toBeNull();
    }
    for (const group of plan.expected.groupConversations) {
      const conversation = await db.conversation.findUniqueOrThrow({
        where: { groupId: group.groupId },
        include: { participants: true },
      });
      expect(conversation.kind).toBe("group");
      expect(conversation.displayName).toBe(group.name);
      expect(conversation.participants.map((p) => p.number).sort()).toEqual(
        expect.arrayContaining([...group.participants].sort()),
      );
    }
    for (const person of plan.expected.namedContacts) {
      const contact = await db.contact.findUniqueOrThrow({ where: { number: person.number } });
      expect([contact.firstName, contact.lastName]).toEqual([person.first, person.last]);
    }
  });

  it("ends every sent message in its final status, with each status once in its history", async () => {
    const db = testDb();
    for (const expected of plan.expected.messages) {
      const message = await db.message.findUniqueOrThrow({
        where: { handle: expected.handle },
        include: { statusHistory: { orderBy: { id: "asc" } } },
      });
      expect(message.status, message.content).toBe(expected.status);
      expect(message.errorCode).toBe(expected.errorCode ?? null);
      expect(message.statusHistory.map((h) => h.status).sort()).toEqual([...expected.history].sort());
    }
  });

  it("attaches tapbacks to the messages they quote, and keeps SMS fallbacks marked", async () => {
    const db = testDb();
    for (const expected of plan.expected.reactions) {
      const reaction = await db.reaction.findUniqueOrThrow({
        where: { handle: expected.handle },
        include: { message: true },
      });
      expect(reaction.message.handle).toBe(expected.targetHandle);
      expect(reaction.reaction).toBe(expected.reaction);
    }
    const downgraded = await db.message.count({
      where: { wasDowngraded: true, service: "SMS", conversation: { contactNumber: plan.cast.daniel.number } },
    });
    expect(downgraded).toBe(2);
  });

  it("stores media of every kind, the calls, and the blocked line", async () => {
    const db = testDb();
    const lines = Object.values(plan.cast.lines);
    const attachments = await db.mediaAttachment.findMany({
      where: { message: { conversation: { line: { number: { in: lines } } } } },
      select: { kind: true, fileName: true, sourceUrl: true },
    });
    const ours = attachments.filter((a) => plan.expected.mediaFiles.some((f) => a.sourceUrl.endsWith(`/${f}`)));
    expect(ours).toHaveLength(plan.expected.mediaFiles.length);
    expect(new Set(ours.map((a) => a.kind))).toEqual(new Set(["image", "video", "audio", "contact", "pdf"]));
    const calls = await db.callLog.findMany({ where: { lineNumber: plan.cast.lines.support } });
    expect(calls.map((c) => c.disposition).sort()).toEqual(["connected", "not_answered", "voicemail"]);
    const spare = await db.line.findUniqueOrThrow({ where: { number: plan.expected.blockedLine } });
    expect(spare.blocked).toBe(true);
  });
});
