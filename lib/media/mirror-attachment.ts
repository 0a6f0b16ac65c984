import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notifyInbox } from "@/lib/realtime/notify";
import { ImageTooLarge } from "./image-limits";
import { inspectMediaFile } from "./inspect-media";
import { heldBy, recordFailure, stillHeld, type Claim, type FailureKind } from "./queue";
import { FetchRefused, HttpStatusError, safeDownload, TooLargeError, type SafeFetchOptions } from "./safe-fetch";
import { displayContentType, mediaKeys, mediaStorage, type MediaStorage } from "./storage";

// One try at copying one claimed attachment: download, inspect, store, record. Storage
// keys are fixed per attachment, so even two workers racing over an expired lease write
// the same objects, and only the lease holder's UPDATE lands.

export type MirrorDeps = {
  storage?: MediaStorage;
  fetch?: SafeFetchOptions;
  maxAttempts?: number;
  inMemoryMax?: number;
};

export type MirrorOutcome = "kept" | "pending" | "failed" | "expired" | "lease-lost";

export async function mirrorAttachment(db: Db, claim: Claim, deps: MirrorDeps = {}): Promise<MirrorOutcome> {
  const storage = deps.storage ?? mediaStorage();
  const maxAttempts = deps.maxAttempts ?? env().MEDIA_MAX_ATTEMPTS;
  // The download goes to a file, not memory: attachments run to MEDIA_MAX_BYTES (100 MB).
  const dir = await mkdtemp(path.join(tmpdir(), "inbox-media-"));
  try {
    const file = path.join(dir, "download");
    const fetched = await safeDownload(claim.sourceUrl, file, deps.fetch);
    const facts = await inspectMediaFile(file, fetched.size, deps.inMemoryMax);
    // Not ours any more (we were slower than the lease): leave the row to its new holder.
    if (!(await stillHeld(db, claim))) return "lease-lost";
    const keys = mediaKeys(claim.id);
    await storage.putFile(keys.original, file, facts.contentType);
    const displayKey = facts.display ? keys.display(facts.display.ext) : null;
    if (facts.display && displayKey) await storage.put(displayKey, facts.display.bytes, displayContentType(displayKey));
    if (facts.thumbnail) await storage.put(keys.thumbnail, facts.thumbnail, "image/jpeg");
    const kept = await db.$transaction(async (tx) => {
      const { count } = await tx.mediaAttachment.updateMany({
        where: heldBy(claim),
        data: {
          mirrorState: "kept",
          leaseId: null,
          lastError: null,
          storageKey: keys.original,
          displayKey,
          thumbnailKey: facts.thumbnail ? keys.thumbnail : null,
          kind: facts.kind,
          contentType: facts.contentType,
          byteSize: fetched.size,
          width: facts.width,
          height: facts.height,
          durationMs: facts.durationMs,
          card: facts.card ?? undefined,
          keptAt: new Date(),
          updatedAt: new Date(),
        },
      });
      if (count === 1) await notifyMedia(tx as unknown as Db, claim, "kept");
      return count === 1;
    });
    return kept ? "kept" : "lease-lost";
  } catch (error) {
    const { kind, reason } = classify(error, claim.sentAt);
    const state = await recordFailure(db, claim, kind, reason, maxAttempts);
    if (!state) return "lease-lost";
    if (state !== "pending") await notifyMedia(db, claim, state);
    return state;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Sendblue's media links expire 30 days after the message.
const LINK_LIFETIME_MS = 30 * 86400_000;

function classify(error: unknown, sentAt: Date | null): { kind: FailureKind; reason: string } {
  if (error instanceof HttpStatusError && (error.status === 404 || error.status === 410)) {
    return {
      kind: "expired",
      reason: `The source link is gone (HTTP ${error.status}); it expired before we copied it`,
    };
  }
  if (error instanceof FetchRefused) return { kind: "permanent", reason: `Refused: ${error.message}` };
  if (error instanceof TooLargeError) return { kind: "permanent", reason: `Too large: ${error.message}` };
  if (error instanceof ImageTooLarge) return { kind: "permanent", reason: `Not decoded: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  // An imported message's link past its lifetime will not come back: retrying for days
  // (an expired signed URL answers 400/403, not 404) would only delay the honest answer.
  if (sentAt && Date.now() - sentAt.getTime() > LINK_LIFETIME_MS) {
    return {
      kind: "expired",
      reason: `The link is older than Sendblue's 30 days and could not be fetched (${message || "download failed"})`,
    };
  }
  return { kind: "transient", reason: message || "download failed" };
}

async function notifyMedia(db: Db, claim: Claim, state: string): Promise<void> {
  await notifyInbox(db as never, {
    type: "media",
    conversationId: claim.conversationId,
    messageId: claim.messageId,
    attachmentId: claim.id,
    state,
  });
}
