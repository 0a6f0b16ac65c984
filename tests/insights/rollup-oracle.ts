import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { busiestHours, busiestHoursFromMessages, busiestHoursFromRollup } from "@/lib/insights/busiest-hours";
import {
  deliveryOutcomes,
  deliveryOutcomesFromMessages,
  deliveryOutcomesFromRollup,
} from "@/lib/insights/delivery-outcomes";
import { addDays, insightsRange } from "@/lib/insights/insights-range";
import type { InsightsScope } from "@/lib/insights/insights-scope";
import { hoursAligned } from "@/lib/insights/message-rollup";
import { messageVolume, messageVolumeFromMessages, messageVolumeFromRollup } from "@/lib/insights/message-volume";
import { topErrorCodes, topErrorCodesFromMessages, topErrorCodesFromRollup } from "@/lib/insights/top-error-codes";

// The exact queries over the messages are the oracle for message_rollup: for a scope, each
// chart from the rollup must equal the chart from the messages, number for number.

export type Case = { name: string; scope: InsightsScope; days: string[] };

/** The four charts from the messages, from the rollup, and as the page asks for them. */
export async function charts(db: Db, c: Case) {
  const [exact, rollup, page] = await Promise.all([
    Promise.all([
      messageVolumeFromMessages(db, c.scope, c.days),
      deliveryOutcomesFromMessages(db, c.scope),
      topErrorCodesFromMessages(db, c.scope, 50),
      busiestHoursFromMessages(db, c.scope),
    ]),
    Promise.all([
      messageVolumeFromRollup(db, c.scope, c.days),
      deliveryOutcomesFromRollup(db, c.scope),
      topErrorCodesFromRollup(db, c.scope, 50),
      busiestHoursFromRollup(db, c.scope),
    ]),
    Promise.all([
      messageVolume(db, c.scope, c.days),
      deliveryOutcomes(db, c.scope),
      topErrorCodes(db, c.scope, 50),
      busiestHours(db, c.scope),
    ]),
  ]);
  return { exact, rollup, page };
}

/**
 * What the page shows equals the exact charts for every case, and so do the rollup's charts
 * wherever its hours are the zone's hours. Returns how many cases the rollup answered.
 */
export async function expectRollupExact(db: Db, cases: Case[]): Promise<number> {
  let answered = 0;
  for (const c of cases) {
    const { exact, rollup, page } = await charts(db, c);
    expect(page, c.name).toEqual(exact);
    if (await hoursAligned(db, c.scope)) {
      expect(rollup, c.name).toEqual(exact);
      answered++;
    }
  }
  return answered;
}

/** Ranges of whole local days between `firstDay` and `lastDay`, for every line and each of `lineIds`. */
export function cases(zones: string[], spans: [string, string][], lineIds: number[]): Case[] {
  return zones.flatMap((timeZone) =>
    spans.flatMap(([fromDay, toDay]) => {
      const range = insightsRange(fromDay, toDay, timeZone);
      const all: InsightsScope = { from: range.from, to: range.to, timeZone };
      return [null, ...lineIds].map((lineId) => ({
        name: `${timeZone} ${fromDay}–${toDay}${lineId ? ` line ${lineId}` : ""}`,
        scope: { ...all, lineId },
        days: range.days,
      }));
    }),
  );
}

/** `count` spans of 1–`maxDays` days starting within `days` days of `firstDay`. */
export function spans(rand: () => number, firstDay: string, days: number, count: number, maxDays: number) {
  return Array.from({ length: count }, (): [string, string] => {
    const from = addDays(firstDay, Math.floor(rand() * days));
    return [from, addDays(from, Math.floor(rand() * maxDays))];
  });
}

/** A small deterministic generator, so a failure reproduces with the same history. */
export function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export function shuffle<T>(rand: () => number, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Folds the ledger's deltas into the balance, as each ingest batch does. */
export const fold = (db: Db) => db.$executeRaw`SELECT inbox_fold_counters()`;
