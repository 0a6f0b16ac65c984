// `npm run bench:outgoing`: what outgoing webhooks cost. Over a scratch database:
//  1. the added cost per ingested webhook: receive webhooks through the real route handler
//     (in process), with no endpoint and then with --endpoints subscribed endpoints, whose
//     triggers queue one delivery each in the ingest transaction;
//  2. delivery throughput: --events events (messages inserted in bulk, spread over
//     --conversations conversations, queued by the same triggers) delivered by drainOutgoing
//     to a local receiver, signed, in order per conversation; every one must arrive once.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { migrate } from "@/lib/db-tools/migrate";
import { EnvError, resetEnvCache } from "@/lib/env";
import { receiveBody } from "./lib/bench-bodies";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { startReceiver } from "./lib/webhook-receiver";

const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      events: { type: "string", default: "10000" },
      conversations: { type: "string", default: "200" },
      webhooks: { type: "string", default: "2000" },
      endpoints: { type: "string", default: "3" },
    },
  });
  const events = Number(values.events);
  const webhooks = Number(values.webhooks);
  const endpointCount = Number(values.endpoints);
  const database = await openScratchServer("bench", log);
  const scratch = await createScratchDatabase(database.url, "inbox_bench");
  const receiver = await startReceiver();
  try {
    await migrate(scratch.url, { log });
    const secret = randomBytes(18).toString("base64url");
    Object.assign(process.env, {
      DATABASE_URL: scratch.url,
      SENDBLUE_WEBHOOK_SECRET: secret,
      OUTGOING_WEBHOOKS_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
      DATABASE_POOL_SIZE: "20",
      LOG_LEVEL: "warn",
    });
    resetEnvCache();
    const { db } = await import("@/lib/db/client");
    const { POST: receive } = await import("@/app/api/webhooks/receive/route");
    const { drainOutgoing } = await import("@/lib/outgoing/deliver");
    const { generateSecret } = await import("@/lib/outgoing/sign");

    const ingest = async (n: number) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        const res = await receive(
          new Request("http://bench.test/api/webhooks/receive", {
            method: "POST",
            headers: { "sb-signing-secret": secret, "content-type": "application/json" },
            body: receiveBody(),
          }),
          { params: Promise.resolve({}) },
        );
        if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
      }
      return Number(process.hrtime.bigint() - started) / 1e6 / n;
    };

    const endpointIds: number[] = [];
    for (let i = 0; i < endpointCount; i++) {
      const e = await db().webhookEndpoint.create({
        data: {
          url: `${receiver.url}?n=${i}`,
          events: ["message.received", "message.sent", "message.status", "attachment.kept"],
          secret: generateSecret(),
        },
      });
      endpointIds.push(e.id);
    }
    const setEnabled = (enabled: boolean) => db().webhookEndpoint.updateMany({ data: { enabled } });
    log(`warm-up: ${webhooks / 4} receive webhooks`);
    await ingest(webhooks / 4);
    // Alternating rounds with the endpoints disabled (the triggers stop at their first probe)
    // and enabled, so drifting load on a shared host hits both sides alike; medians reported.
    const rounds = 5;
    const plainRuns: number[] = [];
    const endpointRuns: number[] = [];
    for (let r = 0; r < rounds; r++) {
      log(`round ${r + 1}/${rounds}: ${webhooks / rounds} webhooks without, then with, ${endpointCount} endpoints`);
      await setEnabled(false);
      plainRuns.push(await ingest(webhooks / rounds));
      await setEnabled(true);
      endpointRuns.push(await ingest(webhooks / rounds));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const plain = median(plainRuns);
    const withEndpoints = median(endpointRuns);
    const queuedByIngest = await db().webhookDelivery.count();
    // Only the throughput run's events from here on.
    await db().webhookDelivery.deleteMany({});
    await db().webhookEndpoint.deleteMany({ where: { id: { in: endpointIds.slice(1) } } });

    log(`queue ${events} events over ${values.conversations} conversations (bulk insert, queued by the triggers)`);
    const conv = await db().$queryRaw<
      { id: number }[]
    >`SELECT id FROM conversations ORDER BY id LIMIT ${Number(values.conversations)}`;
    const enqueueStarted = process.hrtime.bigint();
    await db().$executeRaw`
      INSERT INTO messages (handle, conversation_id, direction, status, content, sent_at)
      SELECT 'bench-' || g || '-' || md5(random()::text), (${conv.map((c) => c.id)}::int[])[1 + g % ${conv.length}], 'inbound', 'RECEIVED',
             'Bench message ' || g, now()
      FROM generate_series(1, ${events}) AS g`;
    const enqueueMs = Number(process.hrtime.bigint() - enqueueStarted) / 1e6;
    const queued = await db().webhookDelivery.count();

    log(`deliver ${queued} events to ${receiver.url}`);
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const result = await drainOutgoing(db(), { batch: 100, endpointIds: [endpointIds[0]!] });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const ids = new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    const delivered = await db().webhookDelivery.count({ where: { state: "delivered" } });

    const rows: [string, string][] = [
      ["ingest, no endpoint (ms per receive webhook, median of 5 rounds)", plain.toFixed(2)],
      [`ingest, ${endpointCount} endpoints (ms per receive webhook, median)`, withEndpoints.toFixed(2)],
      ["added cost per ingested webhook (ms)", (withEndpoints - plain).toFixed(2)],
      ["added cost per ingested webhook (%)", (((withEndpoints - plain) / plain) * 100).toFixed(1)],
      [
        `deliveries queued by the ${webhooks + webhooks / 4} webhooks (warm-up included) with endpoints enabled`,
        String(queuedByIngest),
      ],
      [`bulk insert of ${events} messages + queueing (ms)`, enqueueMs.toFixed(0)],
      [
        "events delivered",
        `${delivered} of ${queued} (${ids.size} distinct webhook-ids received, ${receiver.received.length} requests)`,
      ],
      ["delivery time (s)", seconds.toFixed(2)],
      ["events/s delivered", (result.delivered / seconds).toFixed(0)],
      [
        "worker CPU per event (ms, this process, receiver included)",
        ((cpu.user + cpu.system) / 1000 / result.delivered).toFixed(3),
      ],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\n| ${"measure".padEnd(width)} | value |\n|${"-".repeat(width + 2)}|------:|`);
    for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
    console.log(
      `\nmachine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} (other work on the host skews every number)`,
    );
    await db().$disconnect();
    return delivered === queued && ids.size === queued ? 0 : 1;
  } finally {
    await receiver.close();
    await scratch.drop().catch((e: unknown) => log(`could not drop ${scratch.name}: ${String(e)}`));
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof EnvError ? error.message : ((error as Error).stack ?? String(error)));
    process.exit(1);
  },
);
