import { beforeAll, describe, expect, it } from "vitest";
import { GET as chartCsv } from "@/app/api/insights/[chart]/route";
import { GET as insightsGet } from "@/app/api/insights/route";
import { env } from "@/lib/env";
import { loadInsights, type Insights } from "@/lib/insights/load-insights";
import { sendblueErrorMeaning } from "@/lib/sendblue/error-codes";
import { testDb } from "../support/db";
import { responseErrors } from "../support/openapi";
import { EXPECTED, RANGE, seedInsightsFixture, type Fixture } from "./insights-fixture";

// Every number of the Insights page against a history computed by hand (insights-fixture.ts),
// through the library, GET /api/insights and the CSV of each chart.

const db = testDb();
let fx: Fixture;

beforeAll(async () => {
  fx = await seedInsightsFixture(db);
});

type Handler = (request: Request, segment: { params: Promise<any> }) => Promise<Response>;

async function get(handler: Handler, query: Record<string, string>, params: object = {}) {
  const url = `http://inbox.test/api/insights?${new URLSearchParams(query)}`;
  return handler(new Request(url, { headers: { authorization: `Bearer ${env().INBOX_API_TOKEN}` } }), {
    params: Promise.resolve(params),
  });
}

function grid(cells: number[][]) {
  const g = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const [weekday, hour, n] of cells) g[weekday!]![hour!] = n!;
  return g;
}

function expectNumbers(got: Insights, want: (typeof EXPECTED)["all"] | (typeof EXPECTED)["line1"]) {
  expect(got.volume).toEqual(want.volume);
  expect(got.delivery).toEqual(want.delivery);
  expect(got.errors.map(({ code, count, message }) => ({ code, count, message }))).toEqual(want.errors);
  const { buckets, ...fr } = got.firstResponse;
  const { buckets: wantBuckets, ...wantFr } = want.firstResponse;
  expect(fr).toEqual(wantFr);
  expect(buckets.map((b) => b.count)).toEqual(wantBuckets);
  expect(got.calls).toEqual(want.calls);
  expect(got.contacts).toEqual(want.contacts);
}

describe("insights over a hand-computed history (America/Chicago, across the 2003 DST change)", () => {
  it("every line: volume by day and service, delivery, error codes, first response, busiest hours, calls, contacts", async () => {
    const got = await loadInsights(db, RANGE);
    expect(got.range).toEqual({
      from: "2003-04-04",
      to: "2003-04-07",
      timeZone: "America/Chicago",
      line: null,
      fromInstant: "2003-04-04T06:00:00.000Z",
      toInstant: "2003-04-08T05:00:00.000Z",
    });
    expectNumbers(got, EXPECTED.all);
    expect(got.busiestHours).toEqual(grid(EXPECTED.all.hours));
    // Documented codes read as Sendblue's documentation says; a failure without a code says what Sendblue sent.
    expect(got.errors.map((e) => e.meaning)).toEqual([
      sendblueErrorMeaning("10001"),
      sendblueErrorMeaning("4002"),
      "Undeliverable",
    ]);
  });

  it("one line: only its conversations, calls and contacts", async () => {
    const got = await loadInsights(db, { ...RANGE, line: fx.line1 });
    expect(got.range.line).toBe(fx.line1);
    expectNumbers(got, EXPECTED.line1);
    // Line 1's inbound messages: A2 Fri 9, A4 Fri 23, A5 Sat 0, A7 Sun 3, B1 Sun 1, B3 Mon 23.
    expect(got.busiestHours).toEqual(
      grid([
        [4, 9, 1],
        [4, 23, 1],
        [5, 0, 1],
        [6, 3, 1],
        [6, 1, 1],
        [0, 23, 1],
      ]),
    );
    // Line 2: the call known only by its conversation; E2's wait, after 16 quiet days, counts.
    const line2 = await loadInsights(db, { ...RANGE, line: fx.line2 });
    expect(line2.calls).toEqual([
      { disposition: "unknown", count: 1 },
      { disposition: "voicemail", count: 1 },
    ]);
    expect(line2.firstResponse).toMatchObject({ waits: 4, answered: 3, unanswered: 1, medianSeconds: 600 }); // D3 30 s, E2 600 s, C2 3600 s, C4
  });

  it("reads days and hours in the zone asked for", async () => {
    // In UTC the same four days start six hours earlier: A1 (Apr 4 04:00Z) is in, B3/B4 (Apr 8) are out.
    const utc = await loadInsights(db, { ...RANGE, tz: "UTC" });
    expect(utc.range.fromInstant).toBe("2003-04-04T00:00:00.000Z");
    expect(utc.volume.map((d) => d.inbound.iMessage + d.inbound.SMS + d.inbound.RCS + d.inbound.other)).toEqual([
      2, 4, 2, 2,
    ]);
    expect(utc.busiestHours[4]![4]).toBe(1); // A1, Friday 04:00 UTC
    expect(utc.busiestHours[4]![15]).toBe(1); // A2, Friday 15:00 UTC
  });

  it("GET /api/insights answers the same numbers, as the OpenAPI document describes", async () => {
    const res = await get(insightsGet, { ...RANGE, line: fx.line1 });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(responseErrors("GET", "/api/insights", 200, body)).toEqual([]);
    expect(body).toEqual(JSON.parse(JSON.stringify(await loadInsights(db, { ...RANGE, line: fx.line1 }))));
  });

  it("refuses what it cannot answer, naming the field", async () => {
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ ...RANGE, tz: "Mars/Olympus_Mons" }, 400, /^tz: /],
      [{ ...RANGE, from: "2003-04-08" }, 400, /^from: must not be after to/],
      [{ from: "2002-01-01", to: "2003-01-02" }, 400, /^from: at most 366 days/],
      [{ ...RANGE, to: "2003-02-30" }, 400, /^to: must be a day/],
      [{ ...RANGE, line: "+15550000000" }, 404, /No line/],
    ];
    for (const [query, status, message] of cases) {
      const res = await get(insightsGet, query);
      const body = await res.json();
      expect(res.status, JSON.stringify(query)).toBe(status);
      expect(body.error.message).toMatch(message);
      expect(responseErrors("GET", "/api/insights", status, body)).toEqual([]);
    }
    const chart = await get(chartCsv, RANGE, { chart: "pie.csv" });
    expect(chart.status).toBe(400);
  });
});

describe("CSV of each chart", () => {
  const csv = async (chart: string, query: Record<string, string> = RANGE) => {
    const res = await get(chartCsv, query, { chart: `${chart}.csv` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    return { text: await res.text(), disposition: res.headers.get("content-disposition") };
  };

  it("messages per day: a column per direction and service, a row per day", async () => {
    const { text, disposition } = await csv("volume");
    expect(disposition).toBe('attachment; filename="insights-volume-2003-04-04-to-2003-04-07.csv"');
    expect(text).toBe(
      [
        "Day,Received · iMessage,Received · SMS,Received · RCS,Received · other,Sent · iMessage,Sent · SMS,Sent · RCS,Sent · other",
        "2003-04-04,1,1,0,0,3,0,0,0",
        "2003-04-05,1,1,0,1,2,2,0,0",
        "2003-04-06,1,0,1,0,2,0,1,0",
        "2003-04-07,3,0,0,0,0,1,0,0",
        "",
      ].join("\r\n"),
    );
    // Line 1 had no service Sendblue did not name: no "other" columns.
    expect((await csv("volume", { ...RANGE, line: fx.line1 })).text.split("\r\n")[0]).toBe(
      "Day,Received · iMessage,Received · SMS,Received · RCS,Sent · iMessage,Sent · SMS,Sent · RCS",
    );
  });

  it("summary, delivery, error codes, first response, calls and contacts", async () => {
    expect((await csv("summary")).text).toBe(
      [
        "Measure,Value",
        "Messages received,10",
        "Messages sent,11",
        "Delivered,45.5% (5 of 11)",
        "Failed,36.4% (4 of 11)",
        "Downgraded to SMS,9.1% (1 of 11)",
        "Median first response,30 min",
        "90th percentile first response,1 h 21 min",
        "Waiting for a first reply,1",
        "New contacts,4",
        "Opt-outs,2",
        "Calls,5",
        "",
      ].join("\r\n"),
    );
    expect((await csv("delivery")).text).toBe(
      [
        "Outcome,Messages,Share",
        "Delivered,5,45.5%",
        '"Sent, no delivery receipt",1,9.1%',
        "Failed,4,36.4%",
        "Not sent yet,1,9.1%",
        "",
      ].join("\r\n"),
    );
    const errors = (await csv("errors")).text.split("\r\n");
    expect(errors[0]).toBe("Code,Meaning,Sendblue's message,Failed messages");
    expect(errors[1]).toBe(`10001,${sendblueErrorMeaning("10001")},Failed to send message,2`);
    expect(errors[3]).toBe("none,Undeliverable,Undeliverable,1");
    expect((await csv("response")).text).toBe(
      [
        "Time to first reply,Waits",
        "Under 1 min,1",
        "1–5 min,1",
        "5–15 min,1",
        "15–60 min,1",
        "1–4 h,3",
        "4–24 h,0",
        "Over 1 day,0",
        "",
      ].join("\r\n"),
    );
    expect((await csv("calls")).text).toBe(
      ["Disposition,Calls", "connected,2", "not answered,1", "unknown,1", "voicemail,1", ""].join("\r\n"),
    );
    expect((await csv("contacts")).text).toBe(
      ["Day,New contacts,Opt-outs", "2003-04-04,1,0", "2003-04-05,1,0", "2003-04-06,1,1", "2003-04-07,1,1", ""].join(
        "\r\n",
      ),
    );
  });

  it("busiest hours: a row per weekday, a column per hour", async () => {
    const rows = (await csv("hours")).text.trimEnd().split("\r\n");
    expect(rows[0]).toBe(
      `Weekday,${Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`).join(",")}`,
    );
    const friday = rows[5]!.split(",");
    expect(friday[0]).toBe("Fri");
    expect(friday.slice(1).map(Number)).toEqual(grid(EXPECTED.all.hours)[4]);
    expect(
      rows
        .slice(1)
        .flatMap((r) => r.split(",").slice(1).map(Number))
        .reduce((a, b) => a + b, 0),
    ).toBe(10);
  });
});
