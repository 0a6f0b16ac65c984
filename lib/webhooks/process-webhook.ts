import { createHash } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { ingestCallLog } from "./ingest-call-log";
import { ingestContact } from "./ingest-contact";
import { ingestLineEvent } from "./ingest-line-event";
import { IngestItemError, ingestMessageWebhook } from "./ingest-message";
import type { IngestContext, IngestResult } from "./ingest-types";
import { ingestTyping } from "./ingest-typing";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth";
import { normalizeMessage, UnusableFieldsError } from "./normalize-message";
import { mayNeedCleaning, stripNul } from "./sanitize";
import { recordWebhookEvent, type EventTarget } from "./webhook-log";
import { isMessageType, type MessageWebhookType, type WebhookType } from "./webhook-types";

// Parses and applies one webhook body, and writes (or, re-processing, updates) its raw log
// row in the same transaction as its effects, so both commit together. Messages and status
// updates go through one SQL function call on the pg pool (ingest-message.ts); the rarer
// types through Prisma. A body that cannot be applied is still recorded, on its own.

export type WebhookOutcomeName = "processed" | "duplicate" | "invalid" | "failed";

export type ProcessOutcome = {
  outcome: WebhookOutcomeName;
  statusCode: number;
  errorCode: string | null;
  error: string | null;
  messageHandle: string | null;
};

export type ProcessResult = ProcessOutcome & { eventId: number; hasMedia: boolean };

export type IngestDeps = { db: Db; sql: SqlRunner };

// Under a burst, Prisma's 2 s default wait for a transaction ended in a 500; the pool's own
// connection timeout (lib/db/client.ts) should decide instead, which answers 503 with
// retry-after, the reply that tells Sendblue to come back later.
const TX_OPTIONS = { maxWait: 10_000 };

type OtherType = Exclude<WebhookType, MessageWebhookType>;

const INGEST: Record<OtherType, (tx: Tx, body: Record<string, unknown>, ctx: IngestContext) => Promise<IngestResult>> =
  {
    typing_indicator: ingestTyping,
    call_log: ingestCallLog,
    line_blocked: (tx, body, ctx) => ingestLineEvent(tx, body, ctx, "blocked"),
    line_assigned: (tx, body, ctx) => ingestLineEvent(tx, body, ctx, "assigned"),
    contact_created: ingestContact,
  };

export async function processWebhook(
  deps: IngestDeps,
  input: { type: WebhookType; body: Buffer; receivedAt: Date },
  target: EventTarget,
): Promise<ProcessResult> {
  const parsed = parseBody(input.body);
  if ("error" in parsed) return recordAlone(deps.db, parsed.error, target);

  try {
    if (isMessageType(input.type)) {
      const source = input.type === "receive" ? "receive" : "status";
      const m = normalizeMessage(parsed.body, source, input.receivedAt);
      const r = await ingestMessageWebhook(deps.sql, source, m, input.receivedAt, target);
      const outcome = { outcome: r.outcome, statusCode: 200, errorCode: null, error: null, messageHandle: m.handle };
      return { ...outcome, eventId: r.eventId, hasMedia: r.hasMedia };
    }
    const type = input.type;
    return await deps.db.$transaction(async (tx) => {
      let result: IngestResult = { duplicate: true };
      // These types have no natural key: a repeat is recognised by the hash of its bytes.
      if (await firstSighting(tx, type, input.body)) {
        result = await INGEST[type](tx, parsed.body, { receivedAt: input.receivedAt });
      }
      const outcome: ProcessOutcome = {
        outcome: result.duplicate ? "duplicate" : "processed",
        statusCode: 200,
        errorCode: null,
        error: null,
        messageHandle: messageHandleOf(parsed.body),
      };
      return { ...outcome, eventId: await recordWebhookEvent(tx, target, outcome), hasMedia: false };
    }, TX_OPTIONS);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    if (error instanceof UnusableFieldsError) {
      return recordAlone(deps.db, fail("invalid", 422, error.code, error.message, parsed.body), target);
    }
    const message = error instanceof Error ? error.message : String(error);
    // SQLSTATE class 22 is a value no column can hold (a date past year 9999, say): the
    // body's fault, not ours, and sending it again will not help.
    if (error instanceof IngestItemError && error.code.startsWith("22")) {
      return recordAlone(
        deps.db,
        fail("invalid", 422, "unstorable_value", message.slice(0, 2000), parsed.body),
        target,
      );
    }
    return recordAlone(deps.db, fail("failed", 500, "processing_failed", message.slice(0, 2000), parsed.body), target);
  }
}

function parseBody(raw: Buffer): { body: Record<string, unknown> } | { error: ProcessOutcome } {
  let value: unknown;
  let text: string;
  try {
    text = raw.toString("utf8");
    value = JSON.parse(text);
  } catch (e) {
    return { error: fail("invalid", 400, "invalid_json", `Body is not valid JSON: ${(e as Error).message}`, null) };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { error: fail("invalid", 422, "not_an_object", "Body must be a JSON object", null) };
  }
  if (nestsDeeperThan(text)) {
    const message = `Body nests deeper than ${MAX_JSON_DEPTH} levels`;
    return { error: fail("invalid", 422, "too_deep", message, value as Record<string, unknown>) };
  }
  return {
    body: mayNeedCleaning(text) ? stripNul(value as Record<string, unknown>) : (value as Record<string, unknown>),
  };
}

async function firstSighting(tx: Tx, type: WebhookType, body: Buffer): Promise<boolean> {
  const hash = createHash("sha256").update(body).digest("hex");
  const inserted = await tx.webhookFingerprint.createMany({ data: [{ type, hash }], skipDuplicates: true });
  return inserted.count === 1;
}

async function recordAlone(db: Db, outcome: ProcessOutcome, target: EventTarget): Promise<ProcessResult> {
  const eventId = await db.$transaction((tx) => recordWebhookEvent(tx, target, outcome));
  return { ...outcome, eventId, hasMedia: false };
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
