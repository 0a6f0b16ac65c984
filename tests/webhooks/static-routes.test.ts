import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { WEBHOOK_TYPES } from "@/lib/webhooks/webhook-types";
import { testDb } from "../support/db";

// Every type has its own static route (faster for Next.js than the [type] segment); each
// must handle its own type, whatever params Next.js passes to a static route.
describe("static webhook routes", () => {
  it.each(WEBHOOK_TYPES)("/api/webhooks/%s handles its own type", async (type) => {
    const { POST } = (await import(`@/app/api/webhooks/${type}/route`)) as {
      POST: (r: Request, s: { params: Promise<Record<string, string>> }) => Promise<Response>;
    };
    const requestId = `static-${type}-${Date.now()}`;
    const request = new Request(`http://inbox.test/api/webhooks/${type}`, {
      method: "POST",
      headers: { "sb-signing-secret": env().SENDBLUE_WEBHOOK_SECRET!, "x-request-id": requestId },
      body: "{not json",
    });
    const res = await POST(request, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    const row = await testDb().webhookEvent.findFirstOrThrow({ where: { requestId } });
    expect(row).toMatchObject({ type, outcome: "invalid", statusCode: 400 });
  });
});
