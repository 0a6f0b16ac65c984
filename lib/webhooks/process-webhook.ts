import { createHash } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { ingestCallLog } from "./ingest-call-log";
import { ingestContact } from "./ingest-contact";
import { ingestLineEvent } from "./ingest-line-event";
import { ingestReceive } from "./ingest-receive";
import { ingestStatus } from "./ingest-status";
import type { IngestContext, IngestResult } from "./ingest-types";
import { ingestTyping } from "./ingest-typing";
import { MissingFieldsError } from "./normalize-message";
import { stripNul } from "./sanitize";
import { dedupesByContentHash, type WebhookType } from "./webhook-types";

// Parses and applies one webhook body. `record` writes (or updates) the raw log row; it
// runs inside the effects' transaction, so the raw body and its effects commit together.
// A body that cannot be applied is still recorded, in a transaction of its own.

export type WebhookOutcomeName = "processed" | "duplicate" | "invalid" | "failed";

export type ProcessOutcome = {
  outcome: WebhookOutcomeName;
  statusCode: number;
  errorCode: string | null;
  error: string | null;
  messageHandle: string | null;
};

export type RecordOutcome = (tx: Tx, outcome: ProcessOutcome) => Promise<void>;

// Under a burst, Prisma's 2 s default wait for a transaction ended in a 500; the pool's own
// connection timeout (lib/db/client.ts) should decide instead, which answers 503 with
// retry-after, the reply that tells Sendblue to come back later.
const TX_OPTIONS = { maxWait: 10_000 };

const INGEST: Record<WebhookType, (tx: Tx, body: Record<string, unknown>, ctx: IngestContext) => Promise<IngestResult>> = {
  receive: ingestReceive,
  outbound: ingestStatus,
  status: ingestStatus,
  typing_indicator: ingestTyping,
  call_log: ingestCallLog,
  line_blocked: (tx, body, ctx) => ingestLineEvent(tx, body, ctx, "blocked"),
  line_assigned: (tx, body, ctx) => ingestLineEvent(tx, body, ctx, "assigned"),
  contact_created: ingestContact,
};

export async function processWebhook(
  db: Db,
  input: { type: WebhookType; body: Buffer; receivedAt: Date },
  record: RecordOutcome,
): Promise<ProcessOutcome> {
  const parsed = parseBody(input.body);
  if ("error" in parsed) return recordAlone(db, parsed.error, record);

  try {
    return await db.$transaction(async (tx) => {
      let result: IngestResult = { duplicate: true };
      if (!dedupesByContentHash(input.type) || (await firstSighting(tx, input.type, input.body))) {
        result = await INGEST[input.type](tx, parsed.body, { receivedAt: input.receivedAt });
      }
      const outcome: ProcessOutcome = {
        outcome: result.duplicate ? "duplicate" : "processed",
        statusCode: 200,
        errorCode: null,
        error: null,
        messageHandle: result.messageHandle ?? messageHandleOf(parsed.body),
      };
      await record(tx, outcome);
      return outcome;
    }, TX_OPTIONS);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    if (error instanceof MissingFieldsError) {
      return recordAlone(db, fail("invalid", 422, "missing_fields", error.message, parsed.body), record);
    }
    const message = error instanceof Error ? error.message : String(error);
    return recordAlone(db, fail("failed", 500, "processing_failed", message.slice(0, 2000), parsed.body), record);
  }
}

function parseBody(raw: Buffer): { body: Record<string, unknown> } | { error: ProcessOutcome } {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch (e) {
    return { error: fail("invalid", 400, "invalid_json", `Body is not valid JSON: ${(e as Error).message}`, null) };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { error: fail("invalid", 422, "not_an_object", "Body must be a JSON object", null) };
  }
  return { body: stripNul(value as Record<string, unknown>) };
}

async function firstSighting(tx: Tx, type: WebhookType, body: Buffer): Promise<boolean> {
  const hash = createHash("sha256").update(body).digest("hex");
  const inserted = await tx.webhookFingerprint.createMany({ data: [{ type, hash }], skipDuplicates: true });
  return inserted.count === 1;
}

async function recordAlone(db: Db, outcome: ProcessOutcome, record: RecordOutcome): Promise<ProcessOutcome> {
  await db.$transaction((tx) => record(tx, outcome));
  return outcome;
}

function fail(
  outcome: WebhookOutcomeName,
  statusCode: number,
  errorCode: string,
  error: string,
  body: Record<string, unknown> | null,
): ProcessOutcome {
  return { outcome, statusCode, errorCode, error, messageHandle: body ? messageHandleOf(body) : null };
}

function messageHandleOf(body: Record<string, unknown>): string | null {
  const h = body.message_handle;
  return typeof h === "string" && h.length <= 200 ? h : null;
}
