import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { uniqueNumber } from "../support/webhooks";

// A month of plausible traffic on one new line, for the Insights screenshots: customers
// writing mostly in office hours on weekdays, replies minutes to hours later, some SMS
// fallbacks and failures, calls, new contacts and a few opt-outs. Seeded, so every run
// draws the same month (relative to `now`).

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 2, 5, 8, 9, 8, 6, 7, 8, 8, 7, 6, 4, 3, 2, 2, 1, 0];
const FAILURES = [
  { code: "10001", message: "Failed to send message" },
  { code: "10001", message: "Failed to send message" },
  { code: "4002", message: "This number is blacklisted" },
  { code: "5000", message: "Internal server error" },
];

export async function seedShowcase(db: Db, now = new Date()): Promise<string> {
  const random = rng(16);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const hour = () => {
    const total = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    let r = random() * total;
    return HOUR_WEIGHTS.findIndex((w) => (r -= w) < 0);
  };
  const number = uniqueNumber();
  const line = await db.line.create({ data: { number, name: "Support" } });
  const start = now.getTime() - 29 * 86_400_000;
  const conversations: number[] = [];
  for (let i = 0; i < 40; i++) {
    const contact = uniqueNumber();
    const createdAt = new Date(start + random() * 29 * 86_400_000);
    const optedOut = random() < 0.08;
    await db.contact.create({
      data: {
        number: contact,
        createdAt,
        optedOut,
        optedOutAt: optedOut ? new Date(createdAt.getTime() + random() * (now.getTime() - createdAt.getTime())) : null,
      },
    });
    const c = await db.conversation.create({
      data: { key: `direct:${number}:${contact}`, kind: "direct", lineId: line.id, contactNumber: contact },
    });
    conversations.push(c.id);
  }
  const messages: Prisma.MessageCreateManyInput[] = [];
  const calls: { lineNumber: string; disposition: string; startedAt: Date; conversationId: number }[] = [];
  let n = 0;
  for (let day = 0; day < 30; day++) {
    const base = new Date(start + day * 86_400_000);
    const weekend = [0, 6].includes(base.getUTCDay());
    const count = Math.round((weekend ? 6 : 18) + random() * 10);
    for (let k = 0; k < count; k++) {
      const at = new Date(
        Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate(), hour() + 6, Math.floor(random() * 60)),
      );
      if (at > now) continue;
      const conversationId = pick(conversations);
      const s = random();
      const service = s < 0.7 ? "iMessage" : s < 0.95 ? "SMS" : "RCS";
      messages.push({
        handle: `showcase-${number}-${n++}`,
        conversationId,
        direction: "inbound",
        service,
        status: "RECEIVED",
        statusRank: 4,
        sentAt: at,
      });
      if (random() < 0.12)
        calls.push({
          lineNumber: number,
          disposition: pick(["connected", "connected", "not_answered", "voicemail"]),
          startedAt: at,
          conversationId,
        });
      if (random() > 0.88) continue; // no reply yet
      const reply = new Date(at.getTime() + Math.round(-Math.log(1 - random()) * 25 * 60_000));
      if (reply > now) continue;
      const r = random();
      const failure = r > 0.95 ? pick(FAILURES) : null;
      const downgraded = !failure && service === "iMessage" && random() < 0.06;
      messages.push({
        handle: `showcase-${number}-${n++}`,
        conversationId,
        direction: "outbound",
        service: downgraded ? "SMS" : service,
        status: failure ? "ERROR" : r < 0.8 ? "DELIVERED" : r < 0.88 ? "READ" : r < 0.93 ? "SENT" : "QUEUED",
        statusRank: failure ? 5 : r < 0.8 ? 3 : r < 0.88 ? 4 : r < 0.93 ? 2 : 1,
        errorCode: failure?.code ?? null,
        errorMessage: failure?.message ?? null,
        wasDowngraded: downgraded,
        sentAt: reply,
      });
    }
  }
  await db.message.createMany({ data: messages });
  await db.callLog.createMany({ data: calls });
  return number;
}
