// `npm run bench:inbox`: how the inbox list behaves with 10,000 conversations. Seeds a
// scratch database, serves the production build against it, and scrolls the list from
// top to bottom in Chromium (paging by cursor as it goes), measuring frame times and how
// many rows the DOM holds. Prints a table; asserts nothing.
// Then (issue 14) times the list API per inbox tab with the conversations spread over
// states and members (scripts/lib/bench-tabs.ts). `-- 100000 --tabs-only` skips the browser.
import { spawn } from "node:child_process";
import pg from "pg";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db-tools/migrate";
import { inheritedEnv } from "@/lib/env";
import { freePort } from "@/tests/support/free-port";
import { benchTabs, seedWorkflow } from "./lib/bench-tabs";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { ensureBuild, require_next_bin } from "./lib/ensure-build";
import { launchChromium } from "./lib/launch-chromium";

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const TABS_ONLY = process.argv.includes("--tabs-only");
const TOKEN = "bench-api-token-0123456789abcdef";
const log = (line: string) => console.log(`[bench] ${line}`);

async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // One statement per table; a bench fixture, not application code.
  await c.query(`INSERT INTO lines (number) VALUES ('+15125550000'), ('+15125550001')`);
  await c.query(
    `INSERT INTO contacts (number, first_name, last_name)
     SELECT '+1555' || lpad(g::text, 7, '0'), 'Contact', g::text FROM generate_series(1, $1) g`,
    [COUNT],
  );
  await c.query(
    `INSERT INTO conversations (key, kind, line_id, contact_number, last_activity_at, last_message_at, last_inbound_at, unread_count)
     SELECT 'direct:bench:' || g, 'direct', 1 + (g % 2), '+1555' || lpad(g::text, 7, '0'),
            now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, g % 4
     FROM generate_series(1, $1) g`,
    [COUNT],
  );
  await c.query(
    `INSERT INTO messages (handle, conversation_id, direction, service, content, status, sent_at)
     SELECT 'bench-' || id, id, 'inbound', CASE WHEN id % 5 = 0 THEN 'SMS' ELSE 'iMessage' END,
            'Message preview number ' || id || ' — long enough to wrap onto a second line in the list', 'RECEIVED', last_activity_at
     FROM conversations`,
  );
  await c.query(`UPDATE conversations c SET last_message_id = m.id FROM messages m WHERE m.conversation_id = c.id`);
  await c.end();
}

async function main() {
  const server = await openScratchServer("test", log);
  const scratch = await createScratchDatabase(server.url, "inbox_bench");
  let next: ReturnType<typeof spawn> | undefined;
  try {
    await migrate(scratch.url, { log });
    log(`seeding ${COUNT} conversations…`);
    await seed(scratch.url);
    if (TABS_ONLY) {
      await benchTabs(scratch.url, await seedWorkflow(scratch.url), log);
      return;
    }
    const childEnv = {
      ...inheritedEnv(),
      NODE_ENV: "production" as const,
      DATABASE_URL: scratch.url,
      INBOX_API_TOKEN: TOKEN,
    };
    ensureBuild(childEnv, log);
    const port = await freePort();
    next = spawn(process.execPath, [require_next_bin(), "start", "-p", String(port), "-H", "127.0.0.1"], {
      env: childEnv,
      stdio: "ignore",
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 240; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const db = createDb(scratch.url, 1);
    const member = await createUser(db, { email: "bench@inbox.test", password: "bench password 123", role: "owner" });
    const { token: session } = await createSession(db, member.id);
    await db.$disconnect();
    await context.addCookies([{ name: sessionCookieName(), value: session, domain: "127.0.0.1", path: "/" }]);
    const page = await context.newPage();
    // tsx compiles with keepNames; functions sent to the page reference its __name helper.
    await page.addInitScript("window.__name = (f) => f");
    const started = Date.now();
    await page.goto(base);
    await page.evaluate(() => {
      if (getComputedStyle(document.body).display === "flex") return;
      const s = document.createElement("style");
      s.textContent = "body{height:100dvh;display:flex;flex-direction:column;margin:0}";
      document.head.append(s);
    });
    await page.waitForSelector("[data-conversation-id]");
    const firstPaint = Date.now() - started;
    log("scrolling to the bottom…");
    const result = await page.evaluate(async (count) => {
      const el = document.querySelector<HTMLElement>('[data-testid="conversation-scroller"]')!;
      const frames: number[] = [];
      let maxRows = 0;
      let last = performance.now();
      const t0 = last;
      const lastRow = () => document.querySelector(`[data-conversation-id="${count}"]`);
      while (!lastRow() && performance.now() - t0 < 180_000) {
        el.scrollTop += 1200;
        await new Promise(requestAnimationFrame);
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll("[data-conversation-id]").length);
        if (frames.length % 600 === 0) console.log(`${frames.length} frames, scrollTop ${el.scrollTop}`);
      }
      frames.sort((a, b) => a - b);
      const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))]!;
      return {
        reachedEnd: Boolean(lastRow()),
        seconds: (performance.now() - t0) / 1000,
        frames: frames.length,
        p50: pct(0.5),
        p95: pct(0.95),
        p99: pct(0.99),
        max: frames.at(-1)!,
        maxRows,
        heapMb: ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6,
        count,
      };
    }, COUNT);
    await browser.close();
    console.log("");
    console.log(
      "| conversations | first rows shown | scrolled to last | frames | frame p50 | frame p95 | frame p99 | worst frame | rows in DOM (max) | JS heap |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    console.log(
      `| ${result.count} | ${firstPaint} ms | ${result.reachedEnd ? `${result.seconds.toFixed(1)} s` : "no (timed out)"} | ${result.frames} | ${result.p50.toFixed(1)} ms | ${result.p95.toFixed(1)} ms | ${result.p99.toFixed(1)} ms | ${result.max.toFixed(1)} ms | ${result.maxRows} | ${result.heapMb.toFixed(0)} MB |`,
    );
    next?.kill("SIGTERM");
    next = undefined;
    await benchTabs(scratch.url, await seedWorkflow(scratch.url), log);
  } finally {
    next?.kill("SIGTERM");
    await scratch.drop().catch(() => {});
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
