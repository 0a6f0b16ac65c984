import { randomUUID } from "node:crypto";
import { POST as webhookPost } from "@/app/api/webhooks/[type]/route";
import { env } from "@/lib/env";
import { inboundMessage } from "@/scripts/lib/demo/bodies";

// Calls the real webhook route handler in-process: same code path as HTTP, no server.

export async function callWebhook(
  type: string,
  body: unknown,
  init: { secret?: string | null; query?: string; headers?: Record<string, string> } = {},
) {
  const secret = init.secret === undefined ? env().SENDBLUE_WEBHOOK_SECRET : init.secret;
  const request = new Request(`http://inbox.test/api/webhooks/${type}${init.query ?? ""}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret ? { "sb-signing-secret": secret } : {}),
      ...init.headers,
    },
    // A copy: Request wants an ArrayBuffer-backed view, and a Buffer may sit on a shared pool.
    body: typeof body === "string" ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
  });
  const response = await webhookPost(request, { params: Promise.resolve({ type }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

/** Unique numbers and handles per test, so test files can share one database. */
export function uniqueNumber(): string {
  return `+1555${Math.floor(Math.random() * 1e7)
    .toString()
    .padStart(7, "0")}`;
}

export function uniqueHandle(prefix = "msg"): string {
  return `${prefix}-${randomUUID()}`;
}

/** A `receive` body as Sendblue sends it (the demo's builder), with any field overridden. */
export function receiveBody(overrides: Record<string, unknown> = {}) {
  const contact = (overrides.number as string) ?? uniqueNumber();
  const line = (overrides.sendblue_number as string) ?? "+15122164639";
  return {
    ...inboundMessage({ handle: uniqueHandle(), line, contact, content: "Hello!", at: new Date() }),
    ...overrides,
  };
}

export function statusBody(overrides: Record<string, unknown> = {}) {
  const contact = (overrides.number as string) ?? uniqueNumber();
  const line = (overrides.sendblue_number as string) ?? "+15122164639";
  return {
    ...receiveBody({ number: contact, sendblue_number: line }),
    is_outbound: true,
    status: "SENT",
    from_number: line,
    to_number: contact,
    content: "Thanks, see you then",
    ...overrides,
  };
}
