import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createPgPool } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import { apiRoute } from "@/lib/http/api-route";
import { handleWebhookRequest } from "@/lib/webhooks/handle-webhook-request";
import { testDb } from "../support/db";
import { startTcpProxy } from "../support/tcp-proxy";
import { receiveBody } from "../support/webhooks";

// The real route wrapper and handler, on a database connection we can cut.
const target = new URL(env().DATABASE_URL!);
const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
const viaProxy = new URL(env().DATABASE_URL!);
viaProxy.port = String(proxy.port);
viaProxy.hostname = "127.0.0.1";
const db = createDb(viaProxy.toString(), 2);
const sql = createPgPool(viaProxy.toString(), 2);
const POST = apiRoute<{ type: string }>({ auth: "none" }, async ({ request, params, requestId }) => {
  const { response } = await handleWebhookRequest({ db, sql }, request, params.type, requestId);
  return response;
});

function post(body: unknown) {
  const request = new Request("http://inbox.test/api/webhooks/receive", {
    method: "POST",
    headers: { "sb-signing-secret": env().SENDBLUE_WEBHOOK_SECRET!, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ type: "receive" }) });
}

afterAll(async () => {
  await db.$disconnect().catch(() => {});
  await sql.end().catch(() => {});
  await proxy.close();
});

describe("database unreachable", () => {
  it("answers 503 (never 2xx) while the database is down, and stores the retry once it is back", async () => {
    const first = receiveBody();
    expect((await post(first)).status).toBe(200);

    await proxy.cut();
    const body = receiveBody();
    const down = await post(body);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(await down.json()).toEqual({ error: { code: "database_unavailable", message: expect.any(String) } });
    expect(await testDb().message.findUnique({ where: { handle: body.message_handle } })).toBeNull();

    await proxy.restore();
    // Sendblue retries: the same body now lands, exactly once.
    let retried = await post(body);
    for (let i = 0; i < 5 && retried.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 200));
      retried = await post(body);
    }
    expect(retried.status).toBe(200);
    expect(await testDb().message.count({ where: { handle: body.message_handle } })).toBe(1);
  });
});
