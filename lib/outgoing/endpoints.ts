import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { decodeIdCursor, encodeCursor } from "@/lib/read/cursor";
import type { z } from "zod";
import type { createEndpointBody } from "./endpoint-schemas";
import { generateSecret } from "./sign";
import { checkTarget, FetchRefused } from "./target-guard";

// Owners' endpoints: create (the secret is returned this once), list with health, enable
// or disable, remove, and the delivery log.

type Row = Awaited<ReturnType<typeof findEndpoints>>[number];

function findEndpoints(db: Db, where: { id?: number } = {}) {
  return db.webhookEndpoint.findMany({
    where,
    orderBy: { id: "asc" },
    include: { line: { select: { number: true } } },
  });
}

async function present(db: Db, rows: Row[]) {
  const counts = rows.length
    ? await db.webhookDelivery.groupBy({
        by: ["endpointId", "state"],
        where: { endpointId: { in: rows.map((r) => r.id) }, state: { in: ["pending", "delivering", "failed"] } },
        _count: { _all: true },
      })
    : [];
  const count = (id: number, states: string[]) =>
    counts.filter((c) => c.endpointId === id && states.includes(c.state)).reduce((n, c) => n + c._count._all, 0);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as "webhook" | "slack",
    url: r.url,
    events: r.events,
    line: r.line?.number ?? null,
    enabled: r.enabled,
    disabledReason: r.disabledReason,
    failingSince: r.failingSince?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    pending: count(r.id, ["pending", "delivering"]),
    failed: count(r.id, ["failed"]),
  }));
}

export async function listEndpoints(db: Db) {
  return present(db, await findEndpoints(db));
}

async function one(db: Db, id: number) {
  const [view] = await present(db, await findEndpoints(db, { id }));
  if (!view) throw new ApiError(404, "not_found", `No endpoint ${id}`);
  return view;
}

export async function createEndpoint(db: Db, input: z.output<typeof createEndpointBody>, userId: number) {
  try {
    checkTarget(input.url);
  } catch (error) {
    if (error instanceof FetchRefused) throw new ApiError(400, "target_refused", `url: ${error.message}`);
    throw error;
  }
  let lineId: number | null = null;
  if (input.line) {
    const line = await db.line.findUnique({ where: { number: input.line }, select: { id: true } });
    if (!line) throw new ApiError(400, "invalid_request", `line: no line ${input.line}`);
    lineId = line.id;
  }
  const secret = input.kind === "webhook" ? generateSecret() : null;
  const row = await db.webhookEndpoint.create({
    data: {
      kind: input.kind,
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      lineId,
      createdByUserId: userId,
    },
    select: { id: true },
  });
  return { endpoint: await one(db, row.id), secret };
}

/** Enabling again clears the failure clock, so an endpoint fixed after a day is not disabled at once. */
export async function setEndpointEnabled(db: Db, id: number, enabled: boolean) {
  const { count } = await db.webhookEndpoint.updateMany({
    where: { id },
    data: enabled
      ? { enabled, disabledReason: null, failingSince: null, updatedAt: new Date() }
      : { enabled, updatedAt: new Date() },
  });
  if (!count) throw new ApiError(404, "not_found", `No endpoint ${id}`);
  return one(db, id);
}

export async function removeEndpoint(db: Db, id: number): Promise<void> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id } });
  if (!count) throw new ApiError(404, "not_found", `No endpoint ${id}`);
}

/** Newest first, keyset-paged on id. */
export async function listDeliveries(db: Db, endpointId: number, input: { cursor?: string; limit?: number }) {
  await one(db, endpointId);
  const limit = input.limit ?? 50;
  const before = decodeIdCursor(input.cursor);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId, ...(before ? { id: { lt: BigInt(before) } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    deliveries: page.map((d) => ({
      id: String(d.id),
      eventType: d.eventType,
      conversationId: d.conversationId,
      state: d.state as "pending" | "delivering" | "delivered" | "failed",
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? encodeCursor([Number(page.at(-1)!.id)]) : null,
  };
}
