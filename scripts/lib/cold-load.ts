import { PLAIN_SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { launchChromium } from "./launch-chromium";

// A cold load of the inbox in Chromium (fresh profile, empty cache), signed in: when the
// first screen's largest element painted (LCP), and how much JavaScript came over the wire.
// Launched as the browser tests launch it (scripts/lib/launch-chromium.ts).

export type ColdLoad = {
  lcpMs: number;
  rowsShownMs: number;
  jsFiles: number;
  jsCompressedKb: number;
  jsTransferredKb: number;
  jsDecodedKb: number;
};

export async function coldLoad(options: { base: string; path: string; sessionToken: string }): Promise<ColdLoad> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([
      {
        name: PLAIN_SESSION_COOKIE,
        value: options.sessionToken,
        domain: new URL(options.base).hostname,
        path: "/",
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
    const page = await context.newPage();
    // Collected from the first paint on; the last entry is the page's LCP.
    await page.addInitScript(`
      window.__lcp = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
        .observe({ type: "largest-contentful-paint", buffered: true });
    `);
    await page.goto(options.base + options.path, { waitUntil: "load" });
    await page.waitForSelector("[data-conversation-id]", { timeout: 30_000 });
    const rowsShownMs = await page.evaluate("performance.now()");
    await page.waitForLoadState("networkidle");
    const result = (await page.evaluate(`(() => {
      const js = performance.getEntriesByType("resource").filter((e) => e.initiatorType === "script" || /\\.js(\\?|$)/.test(e.name));
      return {
        lcpMs: window.__lcp,
        jsFiles: js.length,
        transferred: js.reduce((n, e) => n + e.transferSize, 0),
        compressed: js.reduce((n, e) => n + e.encodedBodySize, 0),
        decoded: js.reduce((n, e) => n + e.decodedBodySize, 0),
      };
    })()`)) as { lcpMs: number; jsFiles: number; transferred: number; compressed: number; decoded: number };
    return {
      lcpMs: result.lcpMs,
      rowsShownMs: rowsShownMs as number,
      jsFiles: result.jsFiles,
      jsCompressedKb: result.compressed / 1024,
      jsTransferredKb: result.transferred / 1024,
      jsDecodedKb: result.decoded / 1024,
    };
  } finally {
    await browser.close();
  }
}
